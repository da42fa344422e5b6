package org.gongkai.console.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gongkai.console.Notifications;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.infrastructure.RenderedPage;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the signed-in user's unread notice count into every console page's model, for the header: an interceptor of the
 * console's addresses, so that a public page does not pay for it (as a {@code @ModelAttribute} of a global
 * {@code @ControllerAdvice} it was invoked, and returned nothing, on every public request too).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleModel implements WebMvcConfigurer {

    private final Notifications notifications;

    ConsoleModel(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                                   ModelAndView page) {
                Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                if (RenderedPage.isPage(page) && authentication != null
                        && authentication.getPrincipal() instanceof StaffPrincipal me) {
                    page.addObject("unreadNotices", notifications.unread(me.id()));
                }
            }
        }).addPathPatterns("/admin/**");
    }
}
