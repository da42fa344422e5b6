package org.gongkai.inspection.internal;

import java.util.List;

import org.gongkai.inspection.TextChecks;
import org.gongkai.workflow.TextScan;
import org.springframework.stereotype.Component;

/** The office's text-check list, offered to the workflow's review (see {@link TextScan}). */
@Component
class WorkflowTextScan implements TextScan {

    private final TextChecks texts;

    WorkflowTextScan(TextChecks texts) {
        this.texts = texts;
    }

    @Override
    public List<Flag> scan(String... sources) {
        return texts.scan(sources).stream()
                .map(f -> new Flag(f.wrong(), f.correct(), f.categoryKey(), f.context()))
                .toList();
    }
}
