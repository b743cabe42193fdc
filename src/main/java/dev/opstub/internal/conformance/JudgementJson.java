package dev.opstub.internal.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.internal.state.PollRecord;
import java.time.Duration;

/**
 * A judgement as JSON, the shape of {@code GET /__admin/opstub/operations/{api}/{id}/conformance}
 * (docs/admin-api.md). A poll shows whether it carried a credential, never the credential.
 */
public final class JudgementJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JudgementJson() {}

  public static ObjectNode of(Judgement judgement) {
    ObjectNode out = JSON.createObjectNode();
    out.put("api", judgement.api());
    out.put("id", judgement.operationId());
    out.put("conforms", judgement.conforms());
    Expectations expected = judgement.expected();
    out.put("pattern", expected.pattern());
    if (expected.handedPath() != null) {
      out.put("handedUrl", expected.handedApiVersion() == null ? expected.handedPath()
          : expected.handedPath() + "?api-version=" + expected.handedApiVersion());
    }
    out.put("finalReads", expected.finalReads());
    ArrayNode violations = out.putArray("violations");
    judgement.violations().forEach(violations::add);
    ArrayNode rules = out.putArray("rules");
    for (Verdict verdict : judgement.verdicts()) {
      ObjectNode rule = rules.addObject();
      rule.put("id", verdict.rule());
      rule.put("title", verdict.title());
      rule.put("source", verdict.source());
      rule.put("outcome", verdict.outcome().label());
      if (verdict.note() != null) {
        rule.put("note", verdict.note());
      }
      ArrayNode broken = rule.putArray("violations");
      for (Violation violation : verdict.violations()) {
        broken.addObject().put("poll", violation.poll()).put("expected", violation.expected())
            .put("happened", violation.happened());
      }
    }
    ArrayNode polls = out.putArray("polls");
    PollRecord first = judgement.polls().isEmpty() ? null : judgement.polls().get(0);
    for (int i = 0; i < judgement.polls().size(); i++) {
      PollRecord poll = judgement.polls().get(i);
      ObjectNode p = polls.addObject();
      p.put("poll", i + 1);
      p.put("time", poll.time().toString());
      p.put("sinceFirstMs", Duration.between(first.time(), poll.time()).toMillis());
      if (poll.method() != null) {
        p.put("method", poll.method());
      }
      if (poll.url() != null) {
        p.put("url", poll.url());
      }
      p.put("httpStatus", poll.httpStatus());
      p.put("status", poll.status());
      p.put("terminal", poll.terminal());
      if (poll.retryAfter() != null) {
        p.put("retryAfterMs", poll.retryAfter().toMillis());
      }
      p.put("credential", Credentials.carried(poll, expected.credentialHeaders()));
    }
    return out;
  }
}
