package org.gongkai.infrastructure;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers the exceptions a person can cause with the same Chinese page (or problem JSON) as {@link ErrorPages} gives every
 * other error, so no exception text ever reaches a page. Malformed parameters (type mismatch, missing, out of range) are
 * answered 400 by Spring MVC itself; control characters by {@link InputGuard}.
 */
@ControllerAdvice
class ErrorHandling {

    private final ErrorPages pages;

    ErrorHandling(ErrorPages pages) {
        this.pages = pages;
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return pages.render(request, response, HttpStatus.NOT_FOUND.value());
    }

    @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
    ModelAndView conflict(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return pages.render(request, response, HttpStatus.CONFLICT.value());
    }
}
