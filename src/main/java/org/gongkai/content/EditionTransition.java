package org.gongkai.content;

import java.util.Set;

/**
 * One row of the workflow's transition table (workflow's {@code EditionAction}): the states it starts from and the state it
 * leads to. {@link Edition#apply} is the only way an edition's state changes.
 */
public interface EditionTransition {

    String name();

    Set<EditionState> from();

    EditionState to();
}
