package io.rotabot.console;

import io.rotabot.directory.DirectoryUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A directory that cannot answer is the upstream's outage (503), told with the adapter's diagnosis. */
@RestControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {

    @ExceptionHandler(DirectoryUnavailableException.class)
    ProblemDetail directoryUnavailable(DirectoryUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Directory unavailable");
        return problem;
    }
}
