package org.gongkai.portal.web;

import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.standard.expression.StandardExpressions;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * {@code gk:markup="${x}"} replaces its element with a fragment {@link KeptFragments} rendered: the one way such HTML enters
 * a page. Unlike {@code th:utext} it takes nothing but a {@link KeptFragments.Markup}, so a reader's text (a String) can
 * never be written unescaped through it: the template fails instead.
 */
@Component
class MarkupDialect extends AbstractProcessorDialect {

    MarkupDialect() {
        super("Gongkai", "gk", StandardDialect.PROCESSOR_PRECEDENCE);
    }

    @Override
    public Set<IProcessor> getProcessors(String prefix) {
        return Set.of(new MarkupProcessor(prefix));
    }

    private static final class MarkupProcessor extends AbstractAttributeTagProcessor {

        MarkupProcessor(String prefix) {
            super(TemplateMode.HTML, prefix, null, false, "markup", true, StandardDialect.PROCESSOR_PRECEDENCE, true);
        }

        @Override
        protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
                                 String attributeValue, IElementTagStructureHandler structureHandler) {
            Object value = StandardExpressions.getExpressionParser(context.getConfiguration())
                    .parseExpression(context, attributeValue).execute(context);
            if (!(value instanceof KeptFragments.Markup markup)) {
                throw new TemplateProcessingException("gk:markup takes only KeptFragments.Markup, not "
                        + (value == null ? "null" : value.getClass().getName()));
            }
            structureHandler.replaceWith(markup.html(), false);
        }
    }
}
