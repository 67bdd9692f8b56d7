// Checks deploy/kubernetes/*.yaml and docker-compose.yml; run through deploy/validate.sh, which installs what it needs.
//   * every Kubernetes object against the API's JSON schemas (kubernetes-models' validators);
//   * no unknown field anywhere in those objects (the schemas allow any: TypeScript's excess property check on the
//     models' types finds them);
//   * the references between the objects (selectors, named ports, service account, role, headless service);
//   * every EMULATOR_* variable, in both files, sets a key of conf/emulator.properties (the emulator ignores others).
// Usage: node validate-manifests.mjs PROJECT_ROOT
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import ts from "typescript";

const root = process.argv[2];
const problems = [];
const problem = (where, message) => problems.push(`${where}: ${message}`);

// --- The emulator's keys, as environment variables (ConfigLoader.environmentName) ---
const environmentName = (key) =>
  "EMULATOR_" + key.replace(/\./g, "_").replace(/([A-Z])/g, "_$1").toUpperCase();
const keys = readFileSync(join(root, "conf/emulator.properties"), "utf8").split("\n")
  .filter((line) => /^[a-zA-Z][\w.]*=/.test(line)).map((line) => line.slice(0, line.indexOf("=")));
const variables = new Set(keys.map(environmentName));
variables.add("EMULATOR_CONFIG_FILE");
const checkVariables = (where, names) => {
  for (const name of names) {
    if (name.startsWith("EMULATOR_") && !variables.has(name)) {
      problem(where, `${name} sets no key of conf/emulator.properties (the emulator would ignore it)`);
    }
  }
};

// --- Kubernetes objects: schema ---
const objects = [];
const manifestDir = join(root, "deploy/kubernetes");
for (const name of readdirSync(manifestDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  const file = `deploy/kubernetes/${name}`;
  for (const [index, doc] of parseAllDocuments(readFileSync(join(manifestDir, name), "utf8")).entries()) {
    const where = `${file} #${index + 1}`;
    if (doc.errors.length > 0) {
      doc.errors.forEach((e) => problem(where, e.message));
      continue;
    }
    const object = doc.toJS();
    if (object == null) continue;
    const module = `kubernetes-models/${object.apiVersion}`;
    let Model;
    try {
      Model = (await import(`${module}/${object.kind}`))[object.kind];
    } catch (e) {
      problem(where, `no ${object.kind} in ${object.apiVersion}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (e) {
      problem(`${where} (${object.kind} ${object.metadata?.name})`, e.message);
    }
    objects.push({ where: `${where} (${object.kind} ${object.metadata?.name})`, module, object });
  }
}

// --- Kubernetes objects: unknown fields ---
let source = "";
const starts = [];
objects.forEach(({ module, object }, i) => {
  source += `import type { I${object.kind} as T${i} } from "${module}/${object.kind}";\n`;
});
objects.forEach(({ object }, i) => {
  starts.push(source.length);
  source += `export const o${i}: T${i} = ${JSON.stringify(object, null, 2)};\n`;
});
writeFileSync("manifests.mts", source);
const program = ts.createProgram(["manifests.mts"], {
  strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
});
for (const d of ts.getPreEmitDiagnostics(program)) {
  const at = starts.findLastIndex((s) => s <= (d.start ?? 0));
  problem(at >= 0 ? objects[at].where : "manifests", ts.flattenDiagnosticMessageText(d.messageText, " "));
}

// --- Kubernetes objects: references ---
const all = (kind) => objects.filter((o) => o.object.kind === kind);
const named = (kind, name) => all(kind).find((o) => o.object.metadata?.name === name);
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
const workloads = [...all("StatefulSet"), ...all("Deployment")];
for (const { where, object } of workloads) {
  const pod = object.spec.template;
  if (!matches(object.spec.selector.matchLabels, pod.metadata?.labels)) {
    problem(where, "the selector does not match the pod template's labels");
  }
  const account = pod.spec.serviceAccountName;
  if (account && !named("ServiceAccount", account)) problem(where, `no ServiceAccount ${account}`);
  if (object.kind === "StatefulSet") {
    const governing = named("Service", object.spec.serviceName);
    if (!governing || governing.object.spec.clusterIP !== "None") {
      problem(where, `serviceName ${object.spec.serviceName} is no headless Service here`);
    }
  }
  for (const container of pod.spec.containers) {
    const ports = new Set((container.ports ?? []).map((p) => p.name));
    for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"]) {
      const port = container[probe]?.httpGet?.port;
      if (typeof port === "string" && !ports.has(port)) problem(where, `${probe} names no port ${port}`);
    }
    const env = container.env ?? [];
    checkVariables(`${where} container ${container.name}`, env.map((e) => e.name));
    const discovery = env.find((e) => e.name === "EMULATOR_CLUSTER_KUBERNETES_SERVICE")?.value;
    if (discovery) {
      const service = named("Service", discovery);
      const spec = service?.object.spec;
      if (!spec || spec.clusterIP !== "None" || !matches(spec.selector, pod.metadata?.labels)) {
        problem(where, `EMULATOR_CLUSTER_KUBERNETES_SERVICE names no headless Service of these pods: ${discovery}`);
      } else if (!spec.publishNotReadyAddresses) {
        problem(where, `${discovery} must publish not-ready addresses: pods are ready only after they have joined`);
      }
    }
  }
}
for (const { where, object } of all("Service")) {
  const pods = workloads.filter((w) => matches(object.spec.selector, w.object.spec.template.metadata?.labels));
  if (pods.length === 0) problem(where, "its selector matches no pods here");
  for (const port of object.spec.ports ?? []) {
    if (typeof port.targetPort !== "string") continue;
    const has = pods.some((w) => w.object.spec.template.spec.containers.some(
      (c) => (c.ports ?? []).some((p) => p.name === port.targetPort)));
    if (!has) problem(where, `targetPort ${port.targetPort} is no named container port`);
  }
}
for (const { where, object } of all("RoleBinding")) {
  const { kind, name } = object.roleRef;
  if (!named(kind, name)) problem(where, `no ${kind} ${name}`);
  for (const subject of object.subjects ?? []) {
    if (subject.kind === "ServiceAccount" && !named("ServiceAccount", subject.name)) {
      problem(where, `no ServiceAccount ${subject.name}`);
    }
  }
}

// --- docker-compose.yml: the emulator's variables ---
const compose = parseAllDocuments(readFileSync(join(root, "docker-compose.yml"), "utf8"), { merge: true })[0]
  .toJS({ maxAliasCount: -1 });
for (const [name, service] of Object.entries(compose.services)) {
  const env = service.environment ?? {};
  const names = Array.isArray(env) ? env.map((e) => e.split("=")[0]) : Object.keys(env);
  checkVariables(`docker-compose.yml service ${name}`, names);
}

for (const p of problems) console.log(`FAIL ${p}`);
console.log(`${objects.length} Kubernetes objects (${objects.map((o) => o.object.kind).join(", ")}); `
  + `${Object.keys(compose.services).length} compose services; ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
