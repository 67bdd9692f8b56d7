package io.github.connectemulator.operations;

import static io.vertx.json.schema.common.dsl.Keywords.maxLength;
import static io.vertx.json.schema.common.dsl.Keywords.maxProperties;
import static io.vertx.json.schema.common.dsl.Keywords.maximum;
import static io.vertx.json.schema.common.dsl.Keywords.minLength;
import static io.vertx.json.schema.common.dsl.Keywords.minProperties;
import static io.vertx.json.schema.common.dsl.Keywords.minimum;
import static io.vertx.json.schema.common.dsl.Keywords.pattern;
import static io.vertx.json.schema.common.dsl.Schemas.arraySchema;
import static io.vertx.json.schema.common.dsl.Schemas.enumSchema;
import static io.vertx.json.schema.common.dsl.Schemas.intSchema;
import static io.vertx.json.schema.common.dsl.Schemas.objectSchema;
import static io.vertx.json.schema.common.dsl.Schemas.stringSchema;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.testing.Gen;
import io.github.connectemulator.testing.SeededRun;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.common.dsl.SchemaBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The quick check may only say yes where vertx-json-schema says valid, and must say yes to the common case.
 *
 * <p>5 000 random values per run, from a fresh seed that is printed; {@code -Dschema.seed=S} replays a run,
 * {@code -Dschema.case=N} only its value N, and {@code -Dschema.tries=C} tries C values.
 */
class QuickSchemaCheckTest {

  private static final int TRIES = 5000;
  private static final List<String> WORDS = List.of(
      "", " ", "a", "ab-1", "PASSED", "SAVED", "PUBLISHED", "\uD83D\uDE00", "a\uD83D\uDE00b", "\t");

  /** Schemas with every keyword the quick check reads, shaped like the operations' own. */
  private static final List<SchemaBuilder<?, ?>> SCHEMAS = List.of(
      stringSchema().with(minLength(1), maxLength(5)),
      stringSchema().with(maxLength(3)).nullable(),
      stringSchema().with(pattern(Pattern.compile("^[-a-z0-9]+$"))),
      stringSchema().with(minLength(2), pattern(Pattern.compile("\\S"))),
      intSchema().with(minimum(1), maximum(100)),
      enumSchema("PUBLISHED", "SAVED", null),
      stringSchema().withKeyword("enum", new JsonArray().add("PASSED").add("FAILED")),
      objectSchema()
          .optionalProperty("ClientToken", stringSchema().with(maxLength(4)).nullable())
          .allowAdditionalProperties(true),
      objectSchema()
          .requiredProperty("Name", stringSchema().with(minLength(1), maxLength(3)))
          .optionalProperty("Nested", objectSchema()
              .optionalProperty("FlowId", stringSchema().with(minLength(1)).nullable())
              .allowAdditionalProperties(false)
              .nullable())
          .allowAdditionalProperties(true),
      objectSchema()
          .additionalProperties(stringSchema().with(maxLength(3)))
          .with(minProperties(1), maxProperties(2))
          .withKeyword("propertyNames", stringSchema().with(minLength(1), maxLength(2)).toJson())
          .nullable(),
      arraySchema());


  @Test
  void saysYesOnlyWhereTheLibrarySaysValid() {
    var run = new SeededRun(QuickSchemaCheckTest.class, "schema", "tries", TRIES, Duration.ofMillis(20));
    int[] answers = new int[2];
    run.forEachCase((index, gen) -> {
      SchemaBuilder<?, ?> builder = SCHEMAS.get(gen.between(0, SCHEMAS.size() - 1));
      Object value = jsonValue(gen, 3);
      boolean quickYes = QuickSchemaCheck.compile(builder.toJson()).accepts(value);
      if (quickYes) {
        assertThat(libraryAccepts(builder, value)).as("quick check said yes, library on %s for %s",
            Json.encode(value), builder.toJson()).isTrue();
      }
      answers[quickYes ? 1 : 0]++;
    });
    System.out.println("QuickSchemaCheckTest quick check said yes " + answers[1] + " times, no " + answers[0]);
    if (run.isFullRun()) {
      // The property only means something if the quick check says yes often enough.
      assertThat(answers[1]).as("yes answers").isGreaterThan((answers[0] + answers[1]) / 50);
    }
  }

  @Test
  void acceptsTheCommonValidValuesWithoutTheLibrary() {
    assertThat(QuickSchemaCheck.compile(SCHEMAS.get(0).toJson()).accepts("abc")).isTrue();
    assertThat(QuickSchemaCheck.compile(SCHEMAS.get(4).toJson()).accepts(50L)).isTrue();
    assertThat(QuickSchemaCheck.compile(SCHEMAS.get(6).toJson()).accepts("PASSED")).isTrue();
    assertThat(QuickSchemaCheck.compile(SCHEMAS.get(7).toJson())
        .accepts(new JsonObject().put("ClientToken", "t").put("Other", 1))).isTrue();
    assertThat(QuickSchemaCheck.compile(SCHEMAS.get(8).toJson())
        .accepts(new JsonObject().put("Name", "n").put("Nested", new JsonObject().put("FlowId", "f")))).isTrue();
  }

  @Test
  void leavesInvalidAndUnknownToTheLibrary() {
    assertThat(QuickSchemaCheck.compile(SCHEMAS.get(0).toJson()).accepts("toolong")).isFalse();
    assertThat(QuickSchemaCheck.compile(SCHEMAS.get(0).toJson()).accepts("\uD83D\uDE00\uD83D\uDE00")).isTrue();
    assertThat(QuickSchemaCheck.compile(SCHEMAS.get(4).toJson()).accepts(0L)).isFalse();
    assertThat(QuickSchemaCheck.compile(SCHEMAS.get(8).toJson()).accepts(new JsonObject())).isFalse();
    assertThat(QuickSchemaCheck.compile(SCHEMAS.get(10).toJson()).accepts(new JsonArray())).isFalse();
  }

  private static boolean libraryAccepts(SchemaBuilder<?, ?> builder, Object value) {
    SchemaRepository repository = SchemaCheck.newRepository();
    JsonSchema schema = JsonSchema.of(builder.toJson());
    repository.dereference(schema);
    return repository.validator(schema).validate(value).getValid();
  }

  /**
   * A scalar, an object or an array, each as likely, nested up to {@code depth} deep. Scalars come a third of the
   * time at every level, the top one included, where most schemas above look.
   */
  private static Object jsonValue(Gen gen, int depth) {
    if (depth == 0) {
      return scalar(gen);
    }
    return gen.<Object>oneOf(
        () -> {
          Map<String, Object> members = new LinkedHashMap<>();
          for (int size = gen.between(0, 3), tries = 0; members.size() < size && tries < 10; tries++) {
            members.put(key(gen), jsonValue(gen, depth - 1));
          }
          return new JsonObject(members);
        },
        () -> new JsonArray(gen.list(0, 2, () -> jsonValue(gen, depth - 1))),
        () -> scalar(gen));
  }

  private static Object scalar(Gen gen) {
    return gen.<Object>oneOf(
        () -> gen.oneOf(() -> gen.pick(WORDS), () -> gen.unicode(0, 7)),
        () -> gen.between(-5L, 200L),
        () -> gen.between(-5, 200),
        () -> decimal(gen),
        () -> gen.bool(),
        () -> null);
  }

  /** A double from -5 to 200 with two decimals, or one of its bounds, or a whole number. */
  private static double decimal(Gen gen) {
    return gen.oneOf(
        () -> BigDecimal.valueOf(gen.between(-5.0, 200.0)).setScale(2, RoundingMode.HALF_UP).doubleValue(),
        () -> gen.pick(-5.0, 0.0, -0.0, 0.01, 1.0, 100.0, 200.0),
        () -> (double) gen.between(-5, 200));
  }

  private static String key(Gen gen) {
    return gen.oneOf(() -> gen.pick("Name", "ClientToken", "Nested", "FlowId", "x", "yy", ""), () -> gen.alpha(0, 3));
  }
}
