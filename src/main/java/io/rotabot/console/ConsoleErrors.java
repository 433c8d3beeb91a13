package io.rotabot.console;

import io.rotabot.directory.DirectoryUnavailableException;
import io.rotabot.matching.MatchingException;
import io.rotabot.policy.InvalidSettingsException;
import io.rotabot.ticketing.TicketDeskUnavailableException;
import java.util.List;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
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

    @ExceptionHandler(InvalidSettingsException.class)
    ProblemDetail invalidSettings(InvalidSettingsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid settings; nothing was saved");
        problem.setProperty("fields", List.of(e.field()));
        return problem;
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalidRequest(MethodArgumentNotValidException e) {
        List<String> fields = e.getBindingResult().getFieldErrors().stream().map(FieldError::getField).distinct().sorted().toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getBindingResult().getFieldErrors()
                .stream().map(f -> f.getField() + ": " + f.getDefaultMessage()).sorted().collect(Collectors.joining("; ")));
        problem.setTitle("Invalid request; nothing was saved");
        problem.setProperty("fields", fields);
        return problem;
    }

    /** A body that is no JSON, or a value of the wrong kind ("1.5" for a whole number): the field is named, not a Java type. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        List<String> fields = e.getCause() instanceof JsonMappingException mapping
                ? List.of(mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "["))
                : List.of();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, fields.isEmpty() || fields.get(0).isEmpty()
                ? "the body is not the JSON this request takes" : fields.get(0) + ": a value of the wrong kind");
        problem.setTitle("Invalid request; nothing was saved");
        problem.setProperty("fields", fields.isEmpty() || fields.get(0).isEmpty() ? List.of() : fields);
        return problem;
    }

    @ExceptionHandler(MatchingException.class)
    ProblemDetail matchingRefused(MatchingException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST,
                e.getMessage());
        problem.setTitle("Matching refused; nothing was changed");
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request; nothing was changed");
        return problem;
    }

    /** A system Rotabot depends on cannot answer: 503, with the adapter's diagnosis. */
    @ExceptionHandler({VaultUnavailableException.class, DirectoryUnavailableException.class, TicketDeskUnavailableException.class})
    ProblemDetail upstreamUnavailable(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle(e instanceof VaultUnavailableException ? "Vault unavailable"
                : e instanceof DirectoryUnavailableException ? "Directory unavailable" : "Autotask unavailable");
        return problem;
    }
}
