package org.gongkai.inspection.web.admin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.gongkai.content.ColumnCadence;

/** A column's cadence as the office edits it. */
public record CadenceForm(ColumnCadence.Kind kind, @Min(value = 1, message = "{cadence.error.interval}") @Max(value = 3660, message = "{cadence.error.interval}") Integer intervalDays,
                          boolean intentionallyEmpty, @Size(max = 200, message = "{cadence.error.reasonLength}") String emptyReason, long version) {

    static CadenceForm of(ColumnCadence.Column c) {
        return new CadenceForm(c.kind(), c.intervalDays(), c.intentionallyEmpty(), c.emptyReason(), c.version());
    }

    ColumnCadence.CadenceCommand toCommand() {
        return new ColumnCadence.CadenceCommand(kind, intervalDays, intentionallyEmpty, emptyReason, version);
    }
}
