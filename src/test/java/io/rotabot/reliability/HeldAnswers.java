package io.rotabot.reliability;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Holds a WireMock stub's answer to one request after the stub has done its work (a transformer stored
 * the PATCHed password, recorded the note) and before a byte of the answer is written: WireMock calls
 * {@link #beforeResponseSent} on the request's thread just before it responds. Keeps every request it
 * saw, answered or held, so a test can tell how often a caller asked.
 */
final class HeldAnswers implements ServeEventListener {

    /**
     * Requests with this method and path (without the query string) whose query string, unless
     * {@code queryPart} is null, contains {@code queryPart}.
     */
    record Requests(RequestMethod method, String path, String queryPart) {

        boolean match(LoggedRequest request) {
            String[] url = request.getUrl().split("\\?", 2);
            return request.getMethod().equals(method) && url[0].equals(path)
                    && (queryPart == null || (url.length == 2 && url[1].contains(queryPart)));
        }

        @Override
        public String toString() {
            return method + " " + path + (queryPart == null ? "" : "?…" + queryPart + "…");
        }
    }

    private record Armed(Requests requests, Hold hold) {
    }

    private final List<Armed> armed = new CopyOnWriteArrayList<>();
    private final List<LoggedRequest> seen = new CopyOnWriteArrayList<>();

    /** Holds the answer to the next of these requests. */
    Hold holdAnswer(Requests requests) {
        Hold hold = new Hold("answer to " + requests);
        armed.add(new Armed(requests, hold));
        return hold;
    }

    /** The bodies of these requests that reached the stub so far, answered or not, oldest first. */
    List<String> bodies(Requests requests) {
        return seen.stream().filter(requests::match).map(LoggedRequest::getBodyAsString).toList();
    }

    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
        LoggedRequest request = event.getRequest();
        seen.add(request);
        for (Armed candidate : armed) {
            if (candidate.requests().match(request) && armed.remove(candidate)) {
                candidate.hold().reach(request.getBodyAsString());
                return;
            }
        }
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public String getName() {
        return "held-answers";
    }
}
