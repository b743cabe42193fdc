package dev.opstub.internal.wiremock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.testing.Http;
import dev.opstub.testing.RepositoryServer;
import dev.opstub.testing.Transcript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The answers of the shipped {@code mappings/} and {@code __files/}, byte for byte, compared with
 * golden transcripts recorded before a change: what a user of the shipped mappings sees must not
 * move unless someone meant it to.
 *
 * <p>Each test starts a fresh in-process server on the repository's mappings ({@link
 * RepositoryServer}), freezes the operations' clock at {@link #FROZEN_AT} through the admin API,
 * replays a tour (every curl line of the README, {@code docs/face.md}, {@code docs/media.md} and
 * {@code docs/admin-api.md}, and around them the well-known ids, the snapshot flow, the Media
 * actions and formats, the errors and a live operation driven by the admin API) and compares the
 * {@link Transcript} with {@code src/test/resources/golden/shipped-answers/<name>.txt}. Status,
 * headers (but {@link Transcript#UNCOMPARED_HEADERS}) and bodies are compared exactly; only what
 * differs on every run is replaced first, by {@link Transcript#scrub}: the port, the server's random
 * ids and wall-clock instants. On a difference the test names the first differing line and its
 * exchange, and writes the whole transcript to {@code target/golden-actual/<name>.txt} for a
 * {@code diff -u}.
 *
 * <p>To record the golden files again, deliberately (after a change of an answer that is meant):
 * <pre>
 * mvn -B -o test -Dtest=ShippedAnswersUnchangedTest -Dopstub.golden.write=true
 * git diff src/test/resources/golden/
 * </pre>
 * In that mode every tour is replayed twice and written only if both replays agree. {@link
 * ShippedAnswersOnRedisUnchangedTest} replays the same tours on the Redis backend and compares them
 * with the same files: both backends answer alike.
 */
class ShippedAnswersUnchangedTest {
  /**
   * The operations' clock for every tour: far from any real date, so a wall-clock instant stands
   * out; in whole microseconds, as the Redis backend keeps its clock (in memory a frozen instant
   * keeps its nanoseconds, so a finer one would make the backends differ in Face's seventh digit).
   */
  static final String FROZEN_AT = "2087-05-06T07:08:09.123456Z";
  static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "shipped-answers");
  static final boolean WRITE = Boolean.getBoolean("opstub.golden.write");

  private static final Set<String> SHIPPED_UUIDS = Transcript.uuidsUnder(Path.of("mappings"), Path.of("__files"));

  private static final String FACE = "/face/v1.0-preview";
  private static final String FACE_V1 = "/face/v1.0";
  private static final String SEED = "a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  private static final String KEY_HEADER = "Ocp-Apim-Subscription-Key";
  private static final String[] ANY_KEY = {KEY_HEADER, "any"};
  /** The subscription of docs/face.md's snapshot tour, also in its snapshots' applyScope. */
  private static final String OWNER = "e58b3f08-1e8b-4165-81df-aa9858f233dc";
  private static final String[] OWNER_KEY = {KEY_HEADER, OWNER, "Content-Type", "application/json"};
  /** A second subscription, put into a snapshot's applyScope by an update. */
  private static final String TARGET = "0d0d0d0d-0000-4000-8000-000000000002";
  private static final String[] TARGET_KEY = {KEY_HEADER, TARGET, "Content-Type", "application/json"};
  private static final String[] OTHER_KEY = {KEY_HEADER, "someone-else", "Content-Type", "application/json"};

  private static final String MEDIA_SEED = "nb:opid:UUID:ab66eff9-8945-4323-9f91-d257a695899b";
  private static final String[] MEDIA = {"Authorization", "Bearer t", "x-ms-version", "2.19"};
  private static final String JSON_LIGHT = "application/json;odata=minimalmetadata";
  private static final String VERBOSE = "application/json;odata=verbose";
  private static final String NO_METADATA = "application/json;odata=nometadata";
  private static final String ATOM = "application/atom+xml";

  private static final Pattern RESOURCE_LOCATION = Pattern.compile("\"resourceLocation\": \"([^\"]+)\"");

  private WireMockServer server;

  @Test
  void faceOperationsAnswerAsBefore() {
    assertUnchanged("face-operations", "Face operations: the README's tour of the seed, the well-known ids and "
        + "errors of docs/face.md, the fallback", t -> {
      String seed = FACE + "/operations/" + SEED;
      t.step("README: the seed's first poll, running").get(seed, ANY_KEY);
      advance(t, "1s");
      t.step("README: second poll, running, lastActionTime moved").get(seed, ANY_KEY);
      advance(t, "1s");
      t.step("README: third poll, the seed's sample: succeeded with resourceLocation").get(seed, ANY_KEY);
      advance(t, "1s");
      t.step("the last step repeats").get(seed, ANY_KEY);
      t.step("the stable v1.0 path reads the same operation: lower-case statuses, no finishedTime")
          .get(FACE_V1 + "/operations/" + SEED, ANY_KEY);
      t.step("ids are matched case-insensitively").get(FACE + "/operations/" + SEED.toUpperCase(Locale.ROOT), ANY_KEY);
      t.step("a query string does not change the answer").get(seed + "?api-version=1.0", ANY_KEY);

      t.step("docs/face.md: no subscription key, 401").get(seed);
      t.step("an empty subscription key, 401").get(seed, KEY_HEADER, "");
      t.step("docs/face.md: a uuid no operation has, 404 NotFound")
          .get(FACE + "/operations/0b0b0b0b-0000-4000-8000-000000000000", ANY_KEY);
      t.step("docs/face.md: an id that is not a uuid, 400 BadArgument").get(FACE + "/operations/not-a-uuid", ANY_KEY);
      t.step("a long malformed id is shortened in the message").get(FACE + "/operations/" + "x".repeat(120), ANY_KEY);
      t.step("no id at all: 404").get(FACE + "/operations/", ANY_KEY);
      t.step("the collection: 404").get(FACE + "/operations", ANY_KEY);

      String fails = "/operations/f0000000-0000-4000-8000-000000000001";
      t.step("docs/face.md: f0000000-...-01 on v1.0, running").get(FACE_V1 + fails, ANY_KEY);
      advance(t, "1s");
      t.step("docs/face.md: then failed with its message (v1.0: no finishedTime)").get(FACE_V1 + fails, ANY_KEY);
      t.step("the same operation on the preview path: failed, with finishedTime").get(FACE + fails, ANY_KEY);

      t.step("fallback: any other path under /face/ is 404 in the Face error model")
          .get(FACE + "/persongroups/my-group", ANY_KEY);
      t.step("fallback: an API version the pack does not serve").get("/face/v2.0/operations/" + SEED, ANY_KEY);
      t.step("fallback without a key").get("/face/v1.0-preview/detect");
      t.step("wrong method: POST to an operation is not served, fallback 404").send("POST", seed, "{}",
          KEY_HEADER, "any", "Content-Type", "application/json");
      t.step("wrong method: DELETE of an operation, fallback 404").send("DELETE", seed, null, ANY_KEY);
    });
  }

  @Test
  void faceSnapshotsAnswerAsBefore() {
    assertUnchanged("face-snapshots", "Face snapshots: docs/face.md's take, poll, get, apply, list, the scripted "
        + "failures and refusals, validation, update, delete, who may do what, expiry", t -> {
      String take = "{\"type\":\"PersonGroup\",\"objectId\":\"my-group\",\"applyScope\":[\"" + OWNER + "\"]}";
      Http.Exchange taken = t.step("docs/face.md: take, 202 with a relative Operation-Location")
          .send("POST", FACE + "/snapshots", take, OWNER_KEY);
      String first = pollToEnd(t, FACE + taken.header("Operation-Location"), OWNER_KEY, 4,
          "the take's operation: notStarted, running x2, succeeded with the snapshot as resourceLocation");
      t.step("get the snapshot").get(FACE + first, OWNER_KEY);
      t.step("the same snapshot on the v1.0 path").get(FACE_V1 + first, OWNER_KEY);

      advance(t, "1m");
      Http.Exchange second = t.step("docs/face.md: take with userData").send("POST", FACE + "/snapshots",
          "{\"type\":\"PersonGroup\",\"objectId\":\"my-group\",\"applyScope\":[\"" + OWNER + "\"],"
              + "\"userData\":\"before the migration\"}", OWNER_KEY);
      String withUserData = pollToEnd(t, FACE + second.header("Operation-Location"), OWNER_KEY, 4,
          "its operation");
      t.step("docs/face.md: get shows the userData").get(FACE + withUserData, OWNER_KEY);

      Http.Exchange applied = t.step("docs/face.md: apply, 202 with Operation-Location").send("POST",
          FACE + first + "/apply", "{\"objectId\":\"restored-group\",\"mode\":\"CreateNew\"}", OWNER_KEY);
      pollToEnd(t, FACE + applied.header("Operation-Location"), OWNER_KEY, 4,
          "the apply's operation ends with the target object as resourceLocation");
      t.step("docs/face.md: list by type and applyScope, oldest first").get(FACE
          + "/snapshots?type=PersonGroup&applyScope=" + OWNER, OWNER_KEY);
      t.step("list without filters").get(FACE + "/snapshots", OWNER_KEY);
      t.step("list of a type nobody took: []").get(FACE + "/snapshots?type=largefacelist", OWNER_KEY);
      t.step("list with an unknown type: 400").get(FACE + "/snapshots?type=Album", OWNER_KEY);
      t.step("list with an applyScope that is not a uuid: 400").get(FACE + "/snapshots?applyScope=everyone",
          OWNER_KEY);

      t.step("docs/face.md: objectId conflict, 409 ConcurrentOperationConflict").send("POST", FACE + "/snapshots",
          "{\"type\":\"PersonGroup\",\"objectId\":\"conflict\",\"applyScope\":[\"" + OWNER + "\"]}", OWNER_KEY);
      t.step("docs/face.md: objectId with upper case and a space, 400").send("POST", FACE + "/snapshots",
          "{\"type\":\"PersonGroup\",\"objectId\":\"My Group\",\"applyScope\":[\"" + OWNER + "\"]}", OWNER_KEY);
      t.step("objectId rate-limited: 429").send("POST", FACE + "/snapshots",
          "{\"type\":\"PersonGroup\",\"objectId\":\"rate-limited\",\"applyScope\":[\"" + OWNER + "\"]}", OWNER_KEY);
      t.step("an apply with objectId conflict: 409").send("POST", FACE + first + "/apply",
          "{\"objectId\":\"conflict\"}", OWNER_KEY);
      t.step("an apply with objectId rate-limited: 429").send("POST", FACE + first + "/apply",
          "{\"objectId\":\"rate-limited\"}", OWNER_KEY);
      Http.Exchange failedTake = t.step("a take of objectId fail-snapshot starts an operation that will fail")
          .send("POST", FACE + "/snapshots",
              "{\"type\":\"FaceList\",\"objectId\":\"fail-snapshot\",\"applyScope\":[\"" + OWNER + "\"]}", OWNER_KEY);
      pollToEnd(t, FACE + failedTake.header("Operation-Location"), OWNER_KEY, 2, "running, then failed");
      t.step("the failed take left no snapshot behind").get(FACE + "/snapshots?type=FaceList", OWNER_KEY);
      Http.Exchange failedApply = t.step("an apply to objectId fail-apply starts an operation that will fail")
          .send("POST", FACE + first + "/apply", "{\"objectId\":\"fail-apply\"}", OWNER_KEY);
      pollToEnd(t, FACE + failedApply.header("Operation-Location"), OWNER_KEY, 2, "running, then failed");

      String[][] badTakes = {
          {"no body", null},
          {"not JSON", "{\"type\":"},
          {"text after the JSON", "{\"type\":\"PersonGroup\"} xyz"},
          {"an array", "[]"},
          {"no type", "{\"objectId\":\"g\",\"applyScope\":[\"" + OWNER + "\"]}"},
          {"an unknown type", "{\"type\":\"Album\",\"objectId\":\"g\",\"applyScope\":[\"" + OWNER + "\"]}"},
          {"no objectId", "{\"type\":\"PersonGroup\",\"applyScope\":[\"" + OWNER + "\"]}"},
          {"an objectId of 65 characters", "{\"type\":\"PersonGroup\",\"objectId\":\"" + "g".repeat(65)
              + "\",\"applyScope\":[\"" + OWNER + "\"]}"},
          {"no applyScope", "{\"type\":\"PersonGroup\",\"objectId\":\"g\"}"},
          {"an empty applyScope", "{\"type\":\"PersonGroup\",\"objectId\":\"g\",\"applyScope\":[]}"},
          {"an applyScope item that is not a uuid", "{\"type\":\"PersonGroup\",\"objectId\":\"g\","
              + "\"applyScope\":[\"me\"]}"},
          {"userData that is not a string", "{\"type\":\"PersonGroup\",\"objectId\":\"g\",\"applyScope\":[\""
              + OWNER + "\"],\"userData\":42}"},
      };
      for (String[] bad : badTakes) {
        t.step("take with " + bad[0] + ": 400 BadArgument").send("POST", FACE + "/snapshots", bad[1], OWNER_KEY);
      }
      t.step("apply without objectId: 400").send("POST", FACE + first + "/apply", "{\"mode\":\"CreateNew\"}",
          OWNER_KEY);
      t.step("apply with an unknown mode: 400").send("POST", FACE + first + "/apply",
          "{\"objectId\":\"g\",\"mode\":\"Overwrite\"}", OWNER_KEY);
      String huge = "{\"type\":\"PersonGroup\",\"objectId\":\"g\",\"applyScope\":[\"" + OWNER + "\"],\"userData\":\""
          + "x".repeat(1024 * 1024) + "\"}";
      t.step("a body over the 1 MiB limit: 413").sendLarge("POST", FACE + "/snapshots", huge,
          "(" + huge.length() + " bytes: a take whose userData is 1 MiB of x)", OWNER_KEY);

      advance(t, "1m");
      t.step("update: userData and applyScope, 200 without a body").send("PATCH", FACE + first,
          "{\"userData\":\"after the migration\",\"applyScope\":[\"" + OWNER + "\",\"" + TARGET + "\"]}", OWNER_KEY);
      t.step("get after the update: lastUpdateTime moved").get(FACE + first, OWNER_KEY);
      t.step("update with an empty applyScope: 400").send("PATCH", FACE + first, "{\"applyScope\":[]}", OWNER_KEY);
      t.step("a subscription in the applyScope sees it").get(FACE + first, TARGET_KEY);
      t.step("and lists it").get(FACE + "/snapshots", TARGET_KEY);
      t.step("but may not update it: 403").send("PATCH", FACE + first, "{\"userData\":\"mine\"}", TARGET_KEY);
      t.step("nor delete it: 403").send("DELETE", FACE + first, null, TARGET_KEY);
      Http.Exchange appliedByTarget = t.step("it may apply it").send("POST", FACE + first + "/apply",
          "{\"objectId\":\"their-copy\"}", TARGET_KEY);
      pollToEnd(t, FACE + appliedByTarget.header("Operation-Location"), TARGET_KEY, 4, "its apply");
      t.step("another subscription does not see it: 404").get(FACE + first, OTHER_KEY);
      t.step("nor list it").get(FACE + "/snapshots", OTHER_KEY);
      t.step("nor apply it: 404").send("POST", FACE + first + "/apply", "{\"objectId\":\"g\"}", OTHER_KEY);

      Http.Exchange byOther = t.step("a key that is not a uuid takes a snapshot for someone else")
          .send("POST", FACE + "/snapshots",
              "{\"type\":\"LargeFaceList\",\"objectId\":\"faces\",\"applyScope\":[\"" + TARGET + "\"]}", OTHER_KEY);
      String foreign = pollToEnd(t, FACE + byOther.header("Operation-Location"), OTHER_KEY, 4, "its take");
      t.step("its account is the fixed subscription the key stands for").get(FACE + foreign, OTHER_KEY);
      t.step("the taker outside its applyScope may not apply it: 403").send("POST", FACE + foreign + "/apply",
          "{\"objectId\":\"g\"}", OTHER_KEY);
      Http.Exchange largeFaceList = t.step("the subscription in its applyScope may").send("POST",
          FACE + foreign + "/apply", "{\"objectId\":\"copied-faces\",\"mode\":\"createnew\"}", TARGET_KEY);
      pollToEnd(t, FACE + largeFaceList.header("Operation-Location"), TARGET_KEY, 4,
          "a LargeFaceList apply targets /largefacelists/");

      t.step("no key on a snapshot call: 401").get(FACE + "/snapshots");
      t.step("a snapshot id that is not a uuid: 400").get(FACE + "/snapshots/not-a-uuid", OWNER_KEY);
      t.step("a snapshot nobody took: 404").get(FACE + "/snapshots/0b0b0b0b-0000-4000-8000-000000000000", OWNER_KEY);
      t.step("PUT on /snapshots: 404 naming the methods").send("PUT", FACE + "/snapshots", "{}", OWNER_KEY);
      t.step("POST on a snapshot: 404 naming the methods").send("POST", FACE + first, "{}", OWNER_KEY);
      t.step("GET on apply: 404 naming the method").get(FACE + first + "/apply", OWNER_KEY);

      t.step("delete by the taker: 200 without a body").send("DELETE", FACE + first, null, OWNER_KEY);
      t.step("gone: 404").get(FACE + first, OWNER_KEY);
      t.step("deleted again: 404").send("DELETE", FACE + first, null, OWNER_KEY);
      t.step("the list keeps the others").get(FACE + "/snapshots", OWNER_KEY);
      advance(t, "2880m");
      t.step("48 hours after its take a snapshot has expired: 404").get(FACE + withUserData, OWNER_KEY);
      t.step("and is no longer listed").get(FACE + "/snapshots", OWNER_KEY);
    });
  }

  @Test
  void mediaOperationsAnswerAsBefore() {
    assertUnchanged("media-operations", "Media Services operations: docs/media.md's polls, the seed in every format, "
        + "the 14 failing ids, the errors, the global endpoint redirect", t -> {
      String seed = "/api/Operations('" + MEDIA_SEED + "')";
      t.step("docs/media.md: the seed in JSON light, InProgress").get(seed, with(MEDIA, "Accept", JSON_LIGHT));
      advance(t, "1s");
      t.step("verbose, InProgress").get(seed, with(MEDIA, "Accept", VERBOSE));
      advance(t, "1s");
      t.step("Atom, Succeeded with TargetEntityId").get(seed, with(MEDIA, "Accept", ATOM));
      t.step("no metadata").get(seed, with(MEDIA, "Accept", NO_METADATA));
      t.step("no Accept: JSON light").get(seed, MEDIA);
      t.step("Accept application/json: JSON light").get(seed, with(MEDIA, "Accept", "application/json"));
      t.step("Accept application/xml: Atom").get(seed, with(MEDIA, "Accept", "application/xml"));
      t.step("the id percent-encoded, in upper case")
          .get("/api/Operations(%27nb%3Aopid%3AUUID%3AAB66EFF9-8945-4323-9F91-D257A695899B%27)", MEDIA);
      t.step("under a path before /api/: links built from it").get("/media" + seed, with(MEDIA, "Accept", VERBOSE));

      for (int code = 1; code <= 14; code++) {
        String path = "/api/Operations('nb:opid:UUID:e0000000-0000-4000-8000-0000000000"
            + String.format(Locale.ROOT, "%02d", code) + "')";
        String accept = switch (code) {
          case 1 -> VERBOSE;
          case 2 -> NO_METADATA;
          case 12 -> ATOM;
          default -> JSON_LIGHT;
        };
        String doc = code == 12 ? "docs/media.md: " : "";
        t.step(doc + "failing id " + code + ": InProgress").get(path, with(MEDIA, "Accept", accept));
        t.step(doc + "failing id " + code + ": Failed with the " + code + ". code").get(path,
            with(MEDIA, "Accept", accept));
      }

      String unknown = "/api/Operations('nb:opid:UUID:0b0b0b0b-0000-4000-8000-000000000000')";
      t.step("docs/media.md: an id no operation has, 404 OperationNotFound").get(unknown, MEDIA);
      t.step("the same, verbose").get(unknown, with(MEDIA, "Accept", VERBOSE));
      t.step("the same, Atom").get(unknown, with(MEDIA, "Accept", ATOM));
      t.step("no Authorization: 401").get(seed, "x-ms-version", "2.19");
      t.step("Authorization that is not Bearer: 401, Atom").get(seed, "Authorization", "Basic dDp0",
          "x-ms-version", "2.19", "Accept", ATOM);
      t.step("Bearer without a token: 401").get(seed, "Authorization", "Bearer  ", "x-ms-version", "2.19");
      t.step("no x-ms-version: 400").get(seed, "Authorization", "Bearer t");
      t.step("an id that is not nb:opid:UUID:<guid>: 400").get("/api/Operations('not-an-id')", MEDIA);
      t.step("another entity's prefix: 400, verbose").get("/api/Operations('nb:chid:UUID:"
          + "1e518dbc-91ef-4044-a8bd-d20769dae833')", with(MEDIA, "Accept", VERBOSE));
      t.step("a guid that is not one: 400, Atom").get("/api/Operations('nb:opid:UUID:xyz')",
          with(MEDIA, "Accept", ATOM));
      t.step("POST on an operation: 405 with Allow").send("POST", seed, null, MEDIA);
      t.step("DELETE on an unknown operation: 405 with Allow, Atom").send("DELETE", unknown, null,
          with(MEDIA, "Accept", ATOM));
      t.step("the Operations collection").get("/api/Operations", MEDIA);
      t.step("an entity set the pack does not serve: 404 ResourceNotFound").get("/api/Assets", MEDIA);
      t.step("the same, Atom").get("/api/Assets('nb:cid:UUID:1')", with(MEDIA, "Accept", ATOM));
      t.step("the service root").get("/api/", MEDIA);
      t.step("the metadata document").get("/api/$metadata", MEDIA);

      t.step("the legacy global endpoint: 301 to an account-specific base").get("/API/" + seed.substring(5), MEDIA);
      t.step("its root").get("/API/", MEDIA);
      t.step("any method").send("POST", "/API/Channels('nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833')/Start",
          null, MEDIA);
      t.step("followed: the account base serves the operation, links built from it")
          .get("/opstub-account" + seed, MEDIA);
    });
  }

  @Test
  void mediaActionsAnswerAsBefore() {
    assertUnchanged("media-actions", "Media Services actions: docs/media.md's actions, every action and DELETE, "
        + "the 14 failing entities, polls to the end, the errors", t -> {
      t.step("docs/media.md: a Channel Start, 202 with operation-id").send("POST",
          "/api/Channels('nb:chid:UUID:e0000000-0000-4000-8000-000000000002')/Start", null, MEDIA);
      Http.Exchange started = t.step("docs/media.md's script: a StreamingEndpoint Start").send("POST",
          "/api/StreamingEndpoints('nb:oid:UUID:e0000000-0000-4000-8000-000000000002')/Start", null, MEDIA);
      String failing = operationPath(started);
      t.step("polled: InProgress").get(failing, MEDIA);
      t.step("docs/media.md: Failed with InsufficientCapacity").get(failing, MEDIA);

      String channel = "/api/Channels('nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833')";
      Http.Exchange start = t.step("a Channel Start on any other entity").send("POST", channel + "/Start", null, MEDIA);
      String op = operationPath(start);
      t.step("InProgress").get(op, MEDIA);
      advance(t, "1s");
      t.step("InProgress").get(op, with(MEDIA, "Accept", VERBOSE));
      advance(t, "1s");
      t.step("Succeeded with the channel as TargetEntityId").get(op, with(MEDIA, "Accept", ATOM));
      t.step("Succeeded repeats").get(op, with(MEDIA, "Accept", NO_METADATA));

      String[][] actions = {
          {"POST", "/api/StreamingEndpoints('nb:oid:UUID:0a0a0a0a-0000-4000-8000-000000000001')/Start", null},
          {"POST", "/api/StreamingEndpoints('nb:oid:UUID:0a0a0a0a-0000-4000-8000-000000000001')/Stop", null},
          {"POST", "/api/StreamingEndpoints('nb:oid:UUID:0a0a0a0a-0000-4000-8000-000000000001')/Scale",
              "{\"scaleUnits\": 2}"},
          {"DELETE", "/api/StreamingEndpoints('nb:oid:UUID:0a0a0a0a-0000-4000-8000-000000000001')", null},
          {"POST", "/api/Channels('nb:chid:UUID:0a0a0a0a-0000-4000-8000-000000000002')/Stop", null},
          {"POST", "/api/Channels('nb:chid:UUID:0a0a0a0a-0000-4000-8000-000000000002')/Reset", null},
          {"DELETE", "/api/Channels('nb:chid:UUID:0a0a0a0a-0000-4000-8000-000000000002')", null},
          {"POST", "/api/Programs('nb:pgid:UUID:0a0a0a0a-0000-4000-8000-000000000003')/Start", null},
          {"POST", "/api/Programs('nb:pgid:UUID:0a0a0a0a-0000-4000-8000-000000000003')/Stop", null},
          {"POST", "/api/Origins('nb:oid:UUID:0a0a0a0a-0000-4000-8000-000000000004')/Start", null},
          {"POST", "/api/Origins('nb:oid:UUID:0a0a0a0a-0000-4000-8000-000000000004')/Stop", null},
          {"DELETE", "/api/Origins('nb:oid:UUID:0a0a0a0a-0000-4000-8000-000000000004')", null},
          {"POST", "/api/Channels(%27nb%3Achid%3AUUID%3A0a0a0a0a-0000-4000-8000-000000000002%27)/Start", null},
          {"POST", "/opstub-account/api/Channels('nb:chid:UUID:0a0a0a0a-0000-4000-8000-000000000002')/Start", null},
      };
      Http.Exchange last = null;
      for (String[] action : actions) {
        last = t.step("an action: 202, no body, operation-id").send(action[0], action[1], action[2], MEDIA);
      }
      t.step("the last action's operation, under the account base").get("/opstub-account" + operationPath(last),
          with(MEDIA, "Accept", VERBOSE));

      String[] sets = {"StreamingEndpoints('nb:oid", "Channels('nb:chid", "Programs('nb:pgid", "Origins('nb:oid"};
      String[] verbs = {"/Start", "/Stop", "/Start", "/Stop"};
      for (int code = 1; code <= 14; code++) {
        String target = "/api/" + sets[code % 4] + ":UUID:e0000000-0000-4000-8000-0000000000"
            + String.format(Locale.ROOT, "%02d", code) + "')" + verbs[code % 4];
        Http.Exchange action = t.step("an action on failing entity " + code).send("POST", target, null, MEDIA);
        String path = operationPath(action);
        t.step("InProgress").get(path, MEDIA);
        t.step("Failed with the " + code + ". code").get(path, code % 3 == 0 ? with(MEDIA, "Accept", ATOM) : MEDIA);
      }
      t.step("a failing entity's GUID in upper case: Timeout").send("POST",
          "/api/Channels('nb:chid:UUID:E0000000-0000-4000-8000-000000000012')/Reset", null, MEDIA);
      t.step("a DELETE of a failing entity").send("DELETE",
          "/api/Origins('nb:oid:UUID:e0000000-0000-4000-8000-000000000013')", null, MEDIA);

      String endpoint = "/api/StreamingEndpoints('nb:oid:UUID:0a0a0a0a-0000-4000-8000-000000000001')";
      t.step("Scale without a body: 400").send("POST", endpoint + "/Scale", null, MEDIA);
      t.step("Scale without scaleUnits: 400, verbose").send("POST", endpoint + "/Scale", "{}",
          with(MEDIA, "Accept", VERBOSE));
      t.step("Scale by zero units: 400, Atom").send("POST", endpoint + "/Scale", "{\"scaleUnits\": 0}",
          with(MEDIA, "Accept", ATOM));
      t.step("Scale by a fraction: 400").send("POST", endpoint + "/Scale", "{\"scaleUnits\": 1.5}", MEDIA);
      t.step("GET on an action: 405 Allow POST").get(endpoint + "/Start", MEDIA);
      t.step("GET on an entity: 405 Allow DELETE").get(channel, MEDIA);
      t.step("DELETE of a Program: 405 without Allow").send("DELETE",
          "/api/Programs('nb:pgid:UUID:0a0a0a0a-0000-4000-8000-000000000003')", null, MEDIA);
      t.step("an action the set does not have: 404").send("POST", channel + "/Scale", null, MEDIA);
      t.step("another set's prefix: 400").send("POST",
          "/api/Channels('nb:oid:UUID:0a0a0a0a-0000-4000-8000-000000000002')/Start", null, MEDIA);
      t.step("an id that is not one: 400, Atom").send("POST", "/api/Origins('origin-1')/Start", null,
          with(MEDIA, "Accept", ATOM));
      t.step("no Authorization: 401").send("POST", channel + "/Start", null, "x-ms-version", "2.19");
      t.step("no x-ms-version: 400, verbose").send("POST", channel + "/Start", null, "Authorization", "Bearer t",
          "Accept", VERBOSE);
      t.step("an entity set without actions: 404").send("POST",
          "/api/Assets('nb:cid:UUID:0a0a0a0a-0000-4000-8000-000000000005')/Publish", null, MEDIA);
      String huge = "{\"scaleUnits\": 2, \"pad\": \"" + "x".repeat(1024 * 1024) + "\"}";
      t.step("a body over the 1 MiB limit: 413").sendLarge("POST", endpoint + "/Scale", huge,
          "(" + huge.length() + " bytes: a Scale body padded with 1 MiB of x)", MEDIA);
    });
  }

  @Test
  void liveOperationsDrivenByTheAdminApiAnswerAsBefore() {
    assertUnchanged("admin-live-operations", "Operations created through the admin API and polled to their end: "
        + "docs/admin-api.md's tour, fault steps, expiry, the admin answers themselves", t -> {
      String admin = "/__admin/opstub";
      String[] json = {"Content-Type", "application/json"};
      t.step("the frozen clock").get(admin + "/clock");
      t.step("docs/admin-api.md: create a Face operation with a timed step").send("POST", admin + "/operations",
          "{\"api\":\"face\",\"id\":\"0c0c0c0c-0000-4000-8000-000000000099\",\"timeline\":\"running 10s, succeeded\"}",
          json);
      String live = FACE + "/operations/0c0c0c0c-0000-4000-8000-000000000099";
      t.step("polled: running").get(live, ANY_KEY);
      t.step("docs/admin-api.md: advance the clock by 10s").send("POST", admin + "/clock/advance", "{\"by\":\"10s\"}",
          json);
      t.step("docs/admin-api.md: polled: succeeded").get(live, ANY_KEY);
      t.step("docs/admin-api.md: the operation with its history (poll times are the wall clock's)")
          .get(admin + "/operations/face/0c0c0c0c-0000-4000-8000-000000000099");
      t.step("docs/admin-api.md: a bad timeline is refused with its column").send("POST", admin + "/operations",
          "{\"api\":\"face\",\"id\":\"0c0c0c0c-0000-4000-8000-000000000099\",\"timeline\":\"running x0\"}", json);

      t.step("a Face operation with a 429 step and a resourceLocation").send("POST", admin + "/operations",
          "{\"api\":\"face\",\"id\":\"0c0c0c0c-0000-4000-8000-000000000098\",\"timeline\":"
              + "\"running, http(429, Retry-After=1), running, http(500), http(503), succeeded\","
              + "\"resourceLocation\":\"/snapshots/0c0c0c0c-0000-4000-8000-000000000097\"}", json);
      String faulty = FACE + "/operations/0c0c0c0c-0000-4000-8000-000000000098";
      for (String what : new String[] {"running", "429 with Retry-After", "running", "500", "503", "succeeded"}) {
        t.step(what).get(faulty, ANY_KEY);
      }

      String mediaId = "nb:opid:UUID:0c0c0c0c-0000-4000-8000-000000000096";
      t.step("a Media operation in the JSON form, with a 503 step and a failure message of its own")
          .send("POST", admin + "/operations", "{\"api\":\"media\",\"id\":\"" + mediaId + "\",\"timeline\":"
              + "[\"InProgress\", \"http(503, Retry-After=2s)\", \"InProgress\", \"http(429)\", "
              + "\"Failed(Timeout: the channel did not start)\"],"
              + "\"targetEntityId\":\"nb:chid:UUID:0c0c0c0c-0000-4000-8000-000000000095\"}", json);
      String media = "/api/Operations('" + mediaId + "')";
      t.step("InProgress").get(media, MEDIA);
      t.step("503 ServerBusy with Retry-After").get(media, with(MEDIA, "Accept", VERBOSE));
      t.step("InProgress").get(media, with(MEDIA, "Accept", ATOM));
      t.step("429 ServerBusy, Atom").get(media, with(MEDIA, "Accept", ATOM));
      t.step("Failed with its own message, Atom").get(media, with(MEDIA, "Accept", ATOM));
      t.step("and JSON light").get(media, MEDIA);
      t.step("the Media operation's history").get(admin + "/operations/media/" + mediaId.replace(":", "%3A"));

      t.step("a Face operation that expires 10m after it finished").send("POST", admin + "/operations",
          "{\"api\":\"face\",\"id\":\"0c0c0c0c-0000-4000-8000-000000000094\",\"timeline\":\"running, succeeded\","
              + "\"expireAfter\":\"10m\"}", json);
      String expiring = FACE + "/operations/0c0c0c0c-0000-4000-8000-000000000094";
      t.step("running").get(expiring, ANY_KEY);
      t.step("succeeded").get(expiring, ANY_KEY);
      advance(t, "9m");
      t.step("9 minutes later: still there").get(expiring, ANY_KEY);
      t.step("the live operations").get(admin + "/operations");
      advance(t, "1m");
      t.step("10 minutes after it finished: 404").get(expiring, ANY_KEY);

      t.step("a Face operation the admin replaces").send("POST", admin + "/operations",
          "{\"api\":\"face\",\"id\":\"0c0c0c0c-0000-4000-8000-000000000099\",\"timeline\":\"failed(replaced)\"}",
          json);
      t.step("failed with the new message").get(live, ANY_KEY);
      t.step("forget it").send("DELETE", admin + "/operations/face/0c0c0c0c-0000-4000-8000-000000000099", null);
      t.step("then it is 404").get(live, ANY_KEY);
      t.step("forgotten twice: 404").send("DELETE", admin + "/operations/face/0c0c0c0c-0000-4000-8000-000000000099",
          null);
      t.step("an unknown api: 400").send("POST", admin + "/operations",
          "{\"api\":\"arm\",\"id\":\"x\",\"timeline\":\"running\"}", json);
      t.step("an id the api does not take: 400").send("POST", admin + "/operations",
          "{\"api\":\"media\",\"id\":\"0c0c0c0c-0000-4000-8000-000000000099\",\"timeline\":\"InProgress\"}", json);
      t.step("another api's target field: 400").send("POST", admin + "/operations",
          "{\"api\":\"face\",\"id\":\"0c0c0c0c-0000-4000-8000-000000000099\",\"timeline\":\"running\","
              + "\"targetEntityId\":\"nb:chid:UUID:0c0c0c0c-0000-4000-8000-000000000095\"}", json);
      t.step("an unknown field: 400").send("POST", admin + "/operations",
          "{\"api\":\"face\",\"id\":\"0c0c0c0c-0000-4000-8000-000000000099\",\"timeline\":\"running\",\"x\":1}", json);
      t.step("a Media status on a Face operation: 400").send("POST", admin + "/operations",
          "{\"api\":\"face\",\"id\":\"0c0c0c0c-0000-4000-8000-000000000099\",\"timeline\":\"InProgress\"}", json);
      t.step("docs/admin-api.md: reset").send("POST", admin + "/reset", null);
      t.step("the live operations after the reset").get(admin + "/operations");
      t.step("the clock after the reset: real time again").get(admin + "/clock");
    });
  }

  @Test
  void stubParametersOfTheShippedTransformersAnswerAsBefore() {
    assertUnchanged("stub-parameters", "The parameters a mapping may give the shipped transformers but the shipped "
        + "mappings do not use: retryAfter and expireAfter, on copies of the shipped mappings added at run time", t -> {
      addMapping(t, "a copy of the Face seed mapping for 0c0c0c0c-...-42 with retryAfter 1500ms and expireAfter 1m", """
          {"priority": 1,
           "request": {"method": "GET", "urlPathPattern": "/face/v1\\\\.0(-preview)?/operations/(?i)0c0c0c0c-0000-4000-8000-000000000042"},
           "response": {"status": 200, "bodyFileName": "opstub/face/operation-status.json",
             "transformers": ["opstub-face-operation"],
             "transformerParameters": {"timeline": "running x2, succeeded", "retryAfter": "1500ms", "expireAfter": "1m",
               "resourceLocation": "/snapshots/0c0c0c0c-0000-4000-8000-000000000043"}}}""");
      String face = FACE + "/operations/0c0c0c0c-0000-4000-8000-000000000042";
      t.step("running, with Retry-After 2 (rounded up) and retry-after-ms 1500").get(face, ANY_KEY);
      t.step("running, the same").get(face, ANY_KEY);
      t.step("succeeded: terminal, no Retry-After").get(face, ANY_KEY);
      t.step("a refused poll carries none either").get(face);
      advance(t, "1m");
      t.step("a minute after it finished: 404").get(face, ANY_KEY);

      addMapping(t, "a copy of the Media seed mapping for 0c0c0c0c-...-41 with retryAfter 2s", """
          {"priority": 1,
           "request": {"method": "GET", "urlPathPattern": "(?i)(/.*)?/api/Operations(\\\\(|%28)('|%27)nb(:|%3A)opid(:|%3A)UUID(:|%3A)0c0c0c0c-0000-4000-8000-000000000041('|%27)(\\\\)|%29)"},
           "response": {"status": 200, "transformers": ["opstub-media-operation"],
             "transformerParameters": {"timeline": "InProgress, Failed(InternalError)", "retryAfter": "2s"}}}""");
      String media = "/api/Operations('nb:opid:UUID:0c0c0c0c-0000-4000-8000-000000000041')";
      t.step("InProgress with Retry-After 2 and retry-after-ms 2000").get(media, MEDIA);
      t.step("Failed: terminal, no Retry-After").get(media, with(MEDIA, "Accept", ATOM));

      addMapping(t, "a copy of the Media actions mapping for Channels with expireAfter 30s and its own timeline", """
          {"priority": 1,
           "request": {"method": "ANY", "urlPathPattern": "(/.*)?/api/Channels(\\\\(|%28).*"},
           "response": {"status": 202, "transformers": ["opstub-media-action"],
             "transformerParameters": {"timeline": "Succeeded", "expireAfter": "30s"}}}""");
      Http.Exchange started = t.step("a Channel Stop").send("POST",
          "/api/Channels('nb:chid:UUID:0a0a0a0a-0000-4000-8000-000000000002')/Stop", null, MEDIA);
      String op = operationPath(started);
      t.step("Succeeded at once").get(op, MEDIA);
      advance(t, "30s");
      t.step("30 seconds later: 404 OperationNotFound").get(op, MEDIA);
    });
  }

  // --- the tour's moves ---

  /** Polls {@code times} times (a second apart on the frozen clock); returns the last {@code resourceLocation}. */
  private String pollToEnd(Transcript t, String path, String[] key, int times, String what) {
    String resourceLocation = null;
    for (int i = 1; i <= times; i++) {
      if (i > 1) {
        advance(t, "1s");
      }
      String body = t.step(what + " (poll " + i + " of " + times + ")").get(path, key).bodyText();
      Matcher m = RESOURCE_LOCATION.matcher(body);
      resourceLocation = m.find() ? m.group(1) : null;
    }
    return resourceLocation;
  }

  /** The poll path of the operation a Media action started. */
  private static String operationPath(Http.Exchange action) {
    String id = action.header("operation-id");
    assertThat(id).as("operation-id of a Media action").isNotNull();
    return "/api/Operations('" + id + "')";
  }

  /** Advances the operations' clock through the admin API; the transcript notes it. */
  private void advance(Transcript t, String by) {
    admin("POST", "/__admin/opstub/clock/advance", "{\"by\":\"" + by + "\"}");
    t.note("the operations' clock advanced by " + by);
  }

  private void addMapping(Transcript t, String what, String mapping) {
    Http.Exchange added = Http.exchange(server.port(), "POST", "/__admin/mappings", mapping);
    assertThat(added.status()).as(added.bodyText()).isEqualTo(201);
    t.note("added at run time: " + what);
    mapping.lines().forEach(line -> t.note("  " + line));
  }

  private void admin(String method, String path, String body) {
    Http.Exchange answer = Http.exchange(server.port(), method, path, body, "Content-Type", "application/json");
    assertThat(answer.status()).as(method + " " + path + ": " + answer.bodyText()).isEqualTo(200);
  }

  private static String[] with(String[] headers, String... more) {
    String[] all = Arrays.copyOf(headers, headers.length + more.length);
    System.arraycopy(more, 0, all, headers.length, more.length);
    return all;
  }

  // --- golden files ---

  private void assertUnchanged(String name, String description, Consumer<Transcript> tour) {
    String actual = replay(name, description, tour);
    Path golden = GOLDEN.resolve(name + ".txt");
    try {
      if (records()) {
        String again = replay(name, description, tour);
        String unstable = Transcript.firstDifference(actual, again);
        assertThat(unstable).as("two replays of %s must agree before they are written", name).isNull();
        Files.createDirectories(GOLDEN);
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        System.out.println("wrote " + golden);
        return;
      }
      if (!Files.exists(golden)) {
        fail("no golden transcript " + golden + "; record it with -Dopstub.golden.write=true");
      }
      String difference = Transcript.firstDifference(Files.readString(golden, StandardCharsets.UTF_8), actual);
      if (difference != null) {
        Path written = Path.of("target", "golden-actual", name + ".txt");
        Files.createDirectories(written.getParent());
        Files.writeString(written, actual, StandardCharsets.UTF_8);
        fail("The shipped mappings answer differently than " + golden + " recorded.\n" + difference
            + "\nWhole transcript: " + written + " (diff -u " + golden + " " + written + ").\n"
            + "If the change is meant, record again with -Dopstub.golden.write=true and review the git diff.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh server with the repository's mappings and an empty state. */
  WireMockServer startServer() {
    return RepositoryServer.start();
  }

  /** Whether {@code -Dopstub.golden.write=true} records the golden transcripts with this class's servers. */
  boolean records() {
    return WRITE;
  }

  private String replay(String name, String description, Consumer<Transcript> tour) {
    server = startServer();
    try {
      admin("POST", "/__admin/opstub/clock/freeze", "{\"at\":\"" + FROZEN_AT + "\"}");
      Transcript t = new Transcript(server.port(), SHIPPED_UUIDS);
      t.note(name + ": " + description + ".");
      t.note("Recorded by " + ShippedAnswersUnchangedTest.class.getSimpleName() + " on the in-process server with the repository's "
          + "mappings/ and __files/; record again with -Dopstub.golden.write=true.");
      t.note("Placeholders (see Transcript.scrub): {port}, {generated-N} for the server's random ids, "
          + "{wall-clock}.");
      t.note("The operations' clock is frozen at " + FROZEN_AT + " (POST /__admin/opstub/clock/freeze).");
      tour.accept(t);
      return t.text();
    } finally {
      server.stop();
    }
  }

  /** Guards the golden folder against a file no test writes any more. */
  @Test
  void everyGoldenTranscriptBelongsToATour() throws IOException {
    assumeFalse(records(), "the transcripts are being written");
    Set<String> tours = Set.of("face-operations", "face-snapshots", "media-operations", "media-actions",
        "admin-live-operations", "stub-parameters");
    try (Stream<Path> files = Files.list(GOLDEN)) {
      assertThat(files.map(f -> f.getFileName().toString().replaceFirst("\\.txt$", ""))).containsExactlyInAnyOrderElementsOf(tours);
    }
  }
}
