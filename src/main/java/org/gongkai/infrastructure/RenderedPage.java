package org.gongkai.infrastructure;

import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.SmartView;
import org.springframework.web.servlet.view.UrlBasedViewResolver;

/** What an interceptor that adds to every page's model needs to know of a handler's result. */
public final class RenderedPage {

    private RenderedPage() {
    }

    /**
     * Whether the handler's result is a page to render with its model: not a response the handler wrote itself, and not a
     * redirect, whose model would be written into its address as a query.
     */
    public static boolean isPage(ModelAndView result) {
        return result != null && !result.wasCleared()
                && !(result.getView() instanceof SmartView view && view.isRedirectView())
                && (result.getViewName() == null || !result.getViewName().startsWith(UrlBasedViewResolver.REDIRECT_URL_PREFIX));
    }
}
