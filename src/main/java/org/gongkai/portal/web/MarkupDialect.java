package org.gongkai.portal.web;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.context.IWebContext;
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
import org.thymeleaf.web.servlet.IServletWebExchange;

/**
 * {@code gk:markup="${x}"} replaces its element with a fragment {@link KeptFragments} rendered: the one way such HTML enters
 * a page. Unlike {@code th:utext} it takes nothing but a {@link KeptFragments.Markup}, so a reader's text (a String) can
 * never be written unescaped through it: the template fails instead.
 * <p>
 * {@code gk:kept="template :: fragment"} replaces its element with that fragment as {@link KeptFragments#fixed} keeps it:
 * for the parts of the public layout that are the same on every page (the stylesheet links, the site's name, the menu, the
 * footer; layout/public-chrome), 32 of the layout's 43 {@code th:} attributes.
 */
@Component
class MarkupDialect extends AbstractProcessorDialect {

    private final ObjectProvider<KeptFragments> kept;

    /** {@link KeptFragments} needs the template engine, which needs this dialect: it is looked up when a page asks for it. */
    MarkupDialect(ObjectProvider<KeptFragments> kept) {
        super("Gongkai", "gk", StandardDialect.PROCESSOR_PRECEDENCE);
        this.kept = kept;
    }

    @Override
    public Set<IProcessor> getProcessors(String prefix) {
        return Set.of(new MarkupProcessor(prefix), new KeptProcessor(prefix, kept));
    }

    private static final class KeptProcessor extends AbstractAttributeTagProcessor {

        private final ObjectProvider<KeptFragments> kept;

        KeptProcessor(String prefix, ObjectProvider<KeptFragments> kept) {
            super(TemplateMode.HTML, prefix, null, false, "kept", true, StandardDialect.PROCESSOR_PRECEDENCE, true);
            this.kept = kept;
        }

        @Override
        protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
                                 String attributeValue, IElementTagStructureHandler structureHandler) {
            int separator = attributeValue.indexOf("::");
            if (separator < 0 || !(context instanceof IWebContext web)
                    || !(web.getExchange() instanceof IServletWebExchange exchange)) {
                throw new TemplateProcessingException("gk:kept takes \"template :: fragment\" in a servlet request, not "
                        + attributeValue);
            }
            KeptFragments.Markup markup = kept.getObject().fixed(attributeValue.substring(0, separator).strip(),
                    attributeValue.substring(separator + 2).strip(),
                    (HttpServletRequest) exchange.getNativeRequestObject(),
                    (HttpServletResponse) exchange.getNativeResponseObject());
            structureHandler.replaceWith(markup.html(), false);
        }
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
