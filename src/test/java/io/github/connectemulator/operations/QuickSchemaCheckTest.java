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

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.common.dsl.SchemaBuilder;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The quick check may only say yes where vertx-json-schema says valid, and must say yes to the common case. */
class QuickSchemaCheckTest {

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


  @Property(tries = 5000)
  void saysYesOnlyWhereTheLibrarySaysValid(
      @ForAll("schemaIndexes") int schemaIndex, @ForAll("jsonValues") Object value) {
    SchemaBuilder<?, ?> builder = SCHEMAS.get(schemaIndex);
    boolean quickYes = QuickSchemaCheck.compile(builder.toJson()).accepts(value);
    if (quickYes) {
      assertThat(libraryAccepts(builder, value)).as("library on %s for %s", value, builder.toJson()).isTrue();
    }
    // The property only means something if the quick check says yes often enough.
    Statistics.collect(quickYes);
    Statistics.coverage(coverage -> coverage.check(true).percentage(p -> p > 2));
  }

  @Example
  void acceptsTheCommonValidValuesWithoutTheLibrary() {
    assertThat(QuickSchemaCheck.compile(SCHEMAS.get(0).toJson()).accepts("abc")).isTrue();
    assertThat(QuickSchemaCheck.compile(SCHEMAS.get(4).toJson()).accepts(50L)).isTrue();
    assertThat(QuickSchemaCheck.compile(SCHEMAS.get(6).toJson()).accepts("PASSED")).isTrue();
    assertThat(QuickSchemaCheck.compile(SCHEMAS.get(7).toJson())
        .accepts(new JsonObject().put("ClientToken", "t").put("Other", 1))).isTrue();
    assertThat(QuickSchemaCheck.compile(SCHEMAS.get(8).toJson())
        .accepts(new JsonObject().put("Name", "n").put("Nested", new JsonObject().put("FlowId", "f")))).isTrue();
  }

  @Example
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

  @Provide
  Arbitrary<Integer> schemaIndexes() {
    return Arbitraries.integers().between(0, SCHEMAS.size() - 1);
  }

  @Provide
  Arbitrary<Object> jsonValues() {
    return Arbitraries.recursive(this::scalars, this::containers, 3);
  }

  private Arbitrary<Object> scalars() {
    Arbitrary<String> words = Arbitraries.oneOf(
        Arbitraries.of("", " ", "a", "ab-1", "PASSED", "SAVED", "PUBLISHED", "\uD83D\uDE00", "a\uD83D\uDE00b", "\t"),
        Arbitraries.strings().ofMaxLength(7));
    return Arbitraries.oneOf(
        words.map(s -> (Object) s),
        Arbitraries.longs().between(-5, 200).map(n -> (Object) n),
        Arbitraries.integers().between(-5, 200).map(n -> (Object) n),
        Arbitraries.doubles().between(-5, 200).map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just(null));
  }

  private Arbitrary<Object> containers(Arbitrary<Object> inner) {
    Arbitrary<String> keys = Arbitraries.oneOf(
        Arbitraries.of("Name", "ClientToken", "Nested", "FlowId", "x", "yy", ""),
        Arbitraries.strings().alpha().ofMaxLength(3));
    Arbitrary<Object> objects = Arbitraries.maps(keys, inner).ofMaxSize(3)
        .map(map -> (Object) new JsonObject(new java.util.LinkedHashMap<>(map)));
    Arbitrary<Object> arrays = inner.list().ofMaxSize(2).map(list -> (Object) new JsonArray(list));
    return Arbitraries.oneOf(objects, arrays, inner);
  }
}
