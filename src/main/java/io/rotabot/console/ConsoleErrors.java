package io.rotabot.console;

import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.matching.MatchingException;
import io.rotabot.vault.VaultUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the administrators' API as problem details: a directory or vault that cannot answer is an
 * upstream outage (503) told with the adapter's diagnosis; a refused matching move is 400 or 409.
 */
@RestControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {

    @ExceptionHandler(MatchingException.class)
    ProblemDetail matchingRefused(MatchingException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST,
                e.getMessage());
        problem.setTitle("Matching refused; nothing was changed");
        return problem;
    }

    @ExceptionHandler(VaultUnavailableException.class)
    ProblemDetail vaultUnavailable(VaultUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Vault unavailable");
        return problem;
    }

    @ExceptionHandler(DirectoryUnavailableException.class)
    ProblemDetail directoryUnavailable(DirectoryUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Directory unavailable");
        return problem;
    }
}
