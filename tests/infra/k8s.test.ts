/**
 * The Kubernetes manifests (infra/k8s): every file parses, the base holds every service with its
 * Deployment, Service, HPA, PDB (and migration Job), probes, limits, secrets and hardening in place, the
 * network policies let only the gateway reach the subgraphs and only database clients reach Postgres,
 * and each overlay's patches land on resources that exist. With kubectl on the machine, the overlays are
 * also rendered by kustomize itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_PORTS, SUBGRAPHS } from '@tandem/contracts';
import { REPO_ROOT } from '../../scripts/lib/services';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>;
type Labels = Record<string, string>;

const K8S = resolve(REPO_ROOT, 'infra/k8s');
const APPS = ['admin', 'web'] as const;
const COMPONENTS = [...SUBGRAPHS, 'gateway', ...APPS] as const;
const BACKENDS = [...SUBGRAPHS, 'gateway'] as const;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function load(file: string): Obj[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    expect(
      doc.errors.map((e) => e.message),
      relative(REPO_ROOT, file),
    ).toEqual([]);
    expect(
      doc.warnings.map((e) => e.message),
      relative(REPO_ROOT, file),
    ).toEqual([]);
  }
  return list.map((d) => d.toJS() as Obj | null).filter((d): d is Obj => !!d);
}

interface Kustomization {
  dir: string;
  spec: Obj;
  resources: Obj[];
  files: string[];
}

/** The resources a kustomization directory lists (recursively), without applying overlays' patches. */
function kustomization(dir: string): Kustomization {
  const spec = load(join(dir, 'kustomization.yaml'))[0];
  const resources: Obj[] = [];
  const files = [join(dir, 'kustomization.yaml')];
  for (const entry of (spec.resources ?? []) as string[]) {
    const path = resolve(dir, entry);
    expect(existsSync(path), `${relative(REPO_ROOT, dir)} lists ${entry}`).toBe(true);
    if (statSync(path).isDirectory()) {
      const sub = kustomization(path);
      resources.push(...sub.resources);
      files.push(...sub.files);
    } else {
      resources.push(...load(path));
      files.push(path);
    }
  }
  return { dir, spec, resources, files };
}

const base = kustomization(join(K8S, 'base'));
const all = (kind: string) => base.resources.filter((r) => r.kind === kind);
const one = (kind: string, name: string) => {
  const found = base.resources.filter((r) => r.kind === kind && r.metadata?.name === name);
  expect(found, `${kind}/${name}`).toHaveLength(1);
  return found[0];
};
const generatedConfigMaps = new Set(((base.spec.configMapGenerator ?? []) as Obj[]).map((g) => g.name as string));

function matches(selector: Obj | undefined, labels: Labels): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries((selector.matchLabels ?? {}) as Labels)) if (labels[k] !== v) return false;
  for (const e of (selector.matchExpressions ?? []) as Obj[]) {
    const has = e.key in labels;
    if (e.operator === 'In' && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

const podLabels = (name: string): Labels => one('Deployment', name).spec.template.metadata.labels;
const container = (workload: Obj) => workload.spec.template.spec.containers[0] as Obj;
const portOf = (name: string) =>
  (APPS as readonly string[]).includes(name) ? 8080 : DEFAULT_PORTS[name as keyof typeof DEFAULT_PORTS];

const policies = all('NetworkPolicy');
const portAllowed = (rule: Obj, port: number) => !rule.ports || (rule.ports as Obj[]).some((p) => p.port === port);

/** Whether a pod of this namespace with `from` labels may open `port` on a pod with `to` labels. */
function ingressAllowed(from: Labels | 'other-namespace', to: Labels, port: number): boolean {
  const selecting = policies.filter(
    (p) =>
      (p.spec.policyTypes ?? ['Ingress']).includes('Ingress') &&
      (Object.keys(p.spec.podSelector).length === 0 || matches(p.spec.podSelector, to)),
  );
  if (selecting.length === 0) return true; // not isolated
  return selecting.some((p) =>
    ((p.spec.ingress ?? []) as Obj[]).some((rule) => {
      if (!portAllowed(rule, port)) return false;
      if (!rule.from) return true;
      return (rule.from as Obj[]).some((peer) =>
        from === 'other-namespace'
          ? !!peer.namespaceSelector || !!peer.ipBlock
          : !peer.namespaceSelector && !peer.ipBlock && matches(peer.podSelector ?? {}, from),
      );
    }),
  );
}

/** Whether a pod with these labels may open `port` anywhere (the destination is checked by the caller). */
function egressRules(labels: Labels, port: number): Obj[] {
  return policies
    .filter(
      (p) =>
        (p.spec.policyTypes ?? []).includes('Egress') &&
        (Object.keys(p.spec.podSelector).length === 0 || matches(p.spec.podSelector, labels)),
    )
    .flatMap((p) => (p.spec.egress ?? []) as Obj[])
    .filter((rule) => portAllowed(rule, port));
}

describe('the manifests', () => {
  it('should all parse as YAML with apiVersion, kind and name', () => {
    const files = yamlFiles(K8S);
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      for (const doc of load(file)) {
        expect(doc.apiVersion, relative(REPO_ROOT, file)).toEqual(expect.any(String));
        expect(doc.kind, relative(REPO_ROOT, file)).toEqual(expect.any(String));
        if (doc.kind !== 'Kustomization')
          expect(doc.metadata?.name, relative(REPO_ROOT, file)).toEqual(expect.any(String));
      }
    }
  });

  it('should reference every file of the base from its kustomization (nothing forgotten)', () => {
    const listed = new Set(base.files);
    expect(
      yamlFiles(join(K8S, 'base'))
        .filter((f) => !listed.has(f))
        .map((f) => relative(REPO_ROOT, f)),
    ).toEqual([]);
  });

  it('should give every service, the gateway and each web app a Deployment, Service, HPA and PDB, and each subgraph a migration Job', () => {
    for (const name of COMPONENTS) {
      const deployment = one('Deployment', name);
      const service = one('Service', name);
      const hpa = one('HorizontalPodAutoscaler', name);
      const pdb = one('PodDisruptionBudget', name);
      const labels = podLabels(name);
      expect(matches(deployment.spec.selector, labels), `${name}: selector selects its pods`).toBe(true);
      expect(matches({ matchLabels: service.spec.selector }, labels), `${name}: Service selects its pods`).toBe(true);
      const named = (container(deployment).ports as Obj[]).find((p) => p.name === service.spec.ports[0].targetPort);
      expect(named?.containerPort, `${name}: Service targets the container port`).toBe(portOf(name));
      expect(service.spec.ports[0].port).toBe(portOf(name));
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
      expect(hpa.spec.metrics[0].resource).toMatchObject({ name: 'cpu', target: { type: 'Utilization' } });
      expect(deployment.spec.replicas, `${name}: the HPA owns the replica count`).toBeUndefined();
      expect(matches(pdb.spec.selector, labels)).toBe(true);
      for (const other of COMPONENTS.filter((c) => c !== name))
        expect(matches(pdb.spec.selector, podLabels(other)), `${name} PDB vs ${other}`).toBe(false);
      expect(pdb.spec.minAvailable ?? pdb.spec.maxUnavailable).toBeDefined();
    }
    expect(
      all('Job')
        .map((j) => j.metadata.name)
        .sort(),
    ).toEqual(SUBGRAPHS.map((s) => `${s}-migrate`).sort());
  });

  it('should probe readiness on /ready and liveness on /health, with requests and limits, hardened', () => {
    for (const name of COMPONENTS) {
      const deployment = one('Deployment', name);
      const c = container(deployment);
      expect(c.readinessProbe?.httpGet, name).toEqual({ path: '/ready', port: 'http' });
      expect(c.livenessProbe?.httpGet, name).toEqual({ path: '/health', port: 'http' });
      for (const kind of ['requests', 'limits']) {
        expect(c.resources?.[kind]?.cpu, `${name} ${kind}.cpu`).toBeDefined();
        expect(c.resources?.[kind]?.memory, `${name} ${kind}.memory`).toBeDefined();
      }
      const pod = deployment.spec.template.spec;
      expect(pod.securityContext.runAsNonRoot, name).toBe(true);
      expect(pod.securityContext.runAsUser, name).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken, name).toBe(false);
      expect(c.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(c.image, name).toBe(`tandem/${name}`);
      for (const ref of (c.envFrom ?? []) as Obj[])
        expect(generatedConfigMaps.has(ref.configMapRef?.name), `${name} envFrom ${ref.configMapRef?.name}`).toBe(true);
      if ((BACKENDS as readonly string[]).includes(name)) {
        // the image's CMD runs, with the servers' V8 heap settings (scripts/lib/node-flags.ts)
        expect(c.command, `${name}: no command over the image's`).toBeUndefined();
        expect(c.args, `${name}: no args over the image's`).toBeUndefined();
      }
    }
  });

  it("should keep reporting's audit documents on one volume every replica mounts read-write", () => {
    const deployment = one('Deployment', 'reporting');
    const c = container(deployment);
    const dir = (c.env as Obj[]).find((e) => e.name === 'AUDIT_DOCUMENTS_DIR')?.value;
    const mount = (c.volumeMounts as Obj[]).find((m) => m.mountPath === dir);
    expect(mount, 'AUDIT_DOCUMENTS_DIR is a mounted volume').toBeDefined();
    expect(mount!.readOnly ?? false).toBe(false);
    const volume = (deployment.spec.template.spec.volumes as Obj[]).find((v) => v.name === mount!.name);
    const claim = one('PersistentVolumeClaim', volume!.persistentVolumeClaim.claimName);
    // several replicas on several nodes write and read it: a per-pod or single-node volume would lose documents
    expect(claim.spec.accessModes).toEqual(['ReadWriteMany']);
    expect(one('HorizontalPodAutoscaler', 'reporting').spec.maxReplicas).toBeGreaterThan(1);
  });

  it('should take every secret from Secret objects, never from a literal value', () => {
    const secretEnv = (c: Obj, name: string) => (c.env as Obj[]).find((e) => e.name === name);
    const expectSecret = (c: Obj, name: string, what: string) => {
      const e = secretEnv(c, name);
      expect(e?.value, `${what}: ${name} is not a literal`).toBeUndefined();
      expect(e?.valueFrom?.secretKeyRef, `${what}: ${name} from a Secret`).toMatchObject({
        name: expect.any(String),
        key: name,
      });
    };
    for (const svc of SUBGRAPHS) {
      const c = container(one('Deployment', svc));
      expectSecret(c, 'DATABASE_URL', svc);
      expectSecret(c, 'GATEWAY_SECRET', svc);
      expect(secretEnv(c, 'PORT')?.value).toBe(String(portOf(svc)));
    }
    expectSecret(container(one('Deployment', 'identity')), 'JWT_PRIVATE_KEY', 'identity');
    const gateway = container(one('Deployment', 'gateway'));
    expectSecret(gateway, 'GATEWAY_SECRET', 'gateway');
    expectSecret(gateway, 'JWT_PUBLIC_KEY', 'gateway');
    // one shared gateway secret: the subgraphs and the gateway read the same Secret key
    const secretNames = BACKENDS.map(
      (b) => secretEnv(container(one('Deployment', b)), 'GATEWAY_SECRET')?.valueFrom.secretKeyRef.name,
    );
    expect(new Set(secretNames).size).toBe(1);
    // nothing secret-looking is set as a literal anywhere
    for (const d of [...all('Deployment'), ...all('Job')]) {
      for (const e of (container(d).env ?? []) as Obj[]) {
        if (/SECRET|PASSWORD|PRIVATE|DATABASE_URL|TOKEN/.test(e.name))
          expect(e.value, `${d.metadata.name} ${e.name}`).toBeUndefined();
      }
    }
  });

  it("should run each subgraph's migrations as a Job of its own image, as the owner, provisioning the service's own role", () => {
    for (const svc of SUBGRAPHS) {
      const job = one('Job', `${svc}-migrate`);
      const c = container(job);
      expect(c.command).toEqual(['node', 'dist/migrate.js']);
      expect(c.image).toBe(container(one('Deployment', svc)).image);
      expect(job.spec.template.spec.restartPolicy).toBe('Never');
      expect(job.spec.backoffLimit).toBeGreaterThan(0);
      expect(job.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
      expect(c.resources.limits).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
      // the Job migrates as the owner and hands the service's own role (the Deployment's DATABASE_URL) its grants
      const env = (name: string) => (c.env as Obj[]).find((e) => e.name === name);
      const serviceDb = (container(one('Deployment', svc)).env as Obj[]).find((e) => e.name === 'DATABASE_URL');
      expect(env('RUNTIME_DATABASE_URL')?.valueFrom).toEqual(serviceDb?.valueFrom);
      expect(env('DATABASE_URL')?.valueFrom).toEqual({
        secretKeyRef: { name: serviceDb?.valueFrom.secretKeyRef.name, key: 'OWNER_DATABASE_URL' },
      });
      expect(job.metadata.labels['tandem.dev/migration-for']).toBe(svc);
    }
  });

  it('should serve the gateway its supergraph from the ConfigMap and point it at every subgraph Service', () => {
    const deployment = one('Deployment', 'gateway');
    const c = container(deployment);
    const env = Object.fromEntries((c.env as Obj[]).filter((e) => 'value' in e).map((e) => [e.name, e.value]));
    const volume = (deployment.spec.template.spec.volumes as Obj[]).find(
      (v) => v.configMap?.name === 'gateway-supergraph',
    );
    expect(volume).toBeDefined();
    const mount = (c.volumeMounts as Obj[]).find((m) => m.name === volume!.name);
    expect(mount?.subPath, 'no subPath, or ConfigMap updates never reach the pod').toBeUndefined();
    expect(env.SUPERGRAPH_PATH).toBe(`${mount!.mountPath}/supergraph.graphql`);
    for (const svc of SUBGRAPHS) {
      const service = one('Service', svc);
      expect(env[`${svc.toUpperCase()}_URL`]).toBe(
        `http://${service.metadata.name}:${service.spec.ports[0].port}/graphql`,
      );
    }
    expect(existsSync(join(K8S, 'publish-supergraph.sh'))).toBe(true);
    expect(readFileSync(join(K8S, 'publish-supergraph.sh'), 'utf8')).toMatch(
      /create configmap gateway-supergraph --from-file=supergraph.graphql=/,
    );
  });
});

describe('the network policies', () => {
  const gateway = () => podLabels('gateway');
  const stranger = { 'app.kubernetes.io/name': 'debug-shell' };

  it('should deny by default', () => {
    const deny = one('NetworkPolicy', 'default-deny');
    expect(deny.spec.podSelector).toEqual({});
    expect(deny.spec.policyTypes).toEqual(expect.arrayContaining(['Ingress', 'Egress']));
    expect(deny.spec.ingress).toBeUndefined();
    expect(deny.spec.egress).toBeUndefined();
  });

  it('should let only the gateway reach the subgraphs', () => {
    for (const svc of SUBGRAPHS) {
      const to = podLabels(svc);
      expect(ingressAllowed(gateway(), to, portOf(svc)), `gateway -> ${svc}`).toBe(true);
      for (const app of APPS) expect(ingressAllowed(podLabels(app), to, portOf(svc)), `${app} -> ${svc}`).toBe(false);
      expect(ingressAllowed(stranger, to, portOf(svc)), `stranger -> ${svc}`).toBe(false);
      for (const other of SUBGRAPHS.filter((s) => s !== svc))
        expect(ingressAllowed(podLabels(other), to, portOf(svc)), `${other} -> ${svc}`).toBe(false);
      expect(ingressAllowed(gateway(), to, 5432), `gateway -> ${svc}:5432`).toBe(false);
    }
  });

  it('should keep the gateway and the two web apps reachable, and the gateway able to call the subgraphs', () => {
    expect(ingressAllowed(stranger, gateway(), 4000)).toBe(true);
    expect(ingressAllowed('other-namespace', gateway(), 4000)).toBe(true);
    for (const app of APPS) expect(ingressAllowed(stranger, podLabels(app), 8080), app).toBe(true);
    for (const svc of SUBGRAPHS) {
      expect(
        egressRules(gateway(), portOf(svc)).some((r) =>
          (r.to as Obj[]).some((peer) => matches(peer.podSelector, podLabels(svc))),
        ),
        `gateway egress -> ${svc}`,
      ).toBe(true);
    }
    for (const app of APPS)
      expect(
        egressRules(podLabels(app), 4000).some((r) =>
          (r.to as Obj[]).some((peer) => matches(peer.podSelector, gateway())),
        ),
        `${app} egress -> gateway`,
      ).toBe(true);
  });

  it('should let the subgraphs, their migration Jobs and the gateway (live updates), and nothing else, reach PostgreSQL', () => {
    const clients = [
      ...SUBGRAPHS.map(podLabels),
      gateway(),
      ...SUBGRAPHS.map((s) => one('Job', `${s}-migrate`).spec.template.metadata.labels as Labels),
    ];
    for (const labels of clients) expect(egressRules(labels, 5432).length, JSON.stringify(labels)).toBeGreaterThan(0);
    for (const labels of [...APPS.map(podLabels), stranger])
      expect(egressRules(labels, 5432), JSON.stringify(labels)).toEqual([]);
  });

  it('should let everyone resolve names and Prometheus scrape the backends', () => {
    for (const name of COMPONENTS) expect(egressRules(podLabels(name), 53).length, name).toBeGreaterThan(0);
    for (const name of BACKENDS) {
      expect(ingressAllowed('other-namespace', podLabels(name), portOf(name)), `scrape ${name}`).toBe(true);
      const annotations = one('Deployment', name).spec.template.metadata.annotations;
      expect(annotations).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(portOf(name)),
        'prometheus.io/path': '/metrics',
      });
    }
  });
});

describe('the overlays', () => {
  const overlays = readdirSync(join(K8S, 'overlays'));

  it('should have dev and prod', () => {
    expect(overlays.sort()).toEqual(['dev', 'prod']);
  });

  for (const overlay of ['dev', 'prod']) {
    it(`should build ${overlay} on the base, with patches and images that land on existing resources`, () => {
      const dir = join(K8S, 'overlays', overlay);
      const k = kustomization(dir);
      expect(k.spec.resources).toContain('../../base');
      expect(k.spec.namespace).toEqual(expect.any(String));
      const resources = k.resources;
      const images = new Set([...all('Deployment'), ...all('Job')].map((r) => container(r).image));
      for (const image of (k.spec.images ?? []) as Obj[])
        expect(images.has(image.name), `${overlay} image ${image.name}`).toBe(true);
      expect(((k.spec.images ?? []) as Obj[]).map((i) => i.name).sort()).toEqual([...images].sort());
      for (const r of (k.spec.replicas ?? []) as Obj[])
        expect(
          resources.some((x) => x.kind === 'Deployment' && x.metadata.name === r.name),
          `${overlay} replicas ${r.name}`,
        ).toBe(true);
      for (const g of (k.spec.configMapGenerator ?? []) as Obj[]) {
        if (g.behavior === 'merge' || g.behavior === 'replace')
          expect(generatedConfigMaps.has(g.name), `${overlay} merges ${g.name}`).toBe(true);
      }
      for (const patch of (k.spec.patches ?? []) as Obj[]) {
        const t = patch.target ?? {};
        const targets = resources.filter((r) => {
          if (t.kind && r.kind !== t.kind) return false;
          if (t.name && r.metadata.name !== t.name) return false;
          if (t.labelSelector) {
            const labels = (r.metadata.labels ?? {}) as Labels;
            const [, key, op, values] = /^([\w./-]+)\s*(=|notin|in)\s*\(?([^)]*)\)?$/.exec(t.labelSelector) ?? [];
            const list = values.split(',').map((v: string) => v.trim());
            if (
              op === '='
                ? labels[key] !== list[0]
                : op === 'in'
                  ? !list.includes(labels[key])
                  : list.includes(labels[key])
            )
              return false;
          }
          return true;
        });
        expect(targets.length, `${overlay} patch ${JSON.stringify(t)} lands somewhere`).toBeGreaterThan(0);
        // JSON6902 operations address paths that exist (replace/remove) in every target
        const parsed = parseAllDocuments(patch.patch ?? '');
        const ops = Array.isArray(parsed) ? (parsed[0]?.toJS() as unknown) : null;
        for (const op of (Array.isArray(ops) ? ops : []) as Obj[]) {
          if (op.op !== 'replace' && op.op !== 'remove') continue;
          for (const target of targets) {
            const value = (op.path as string)
              .split('/')
              .slice(1)
              .reduce<any>((at, key) => (at == null ? undefined : at[/^\d+$/.test(key) ? Number(key) : key]), target);
            expect(value, `${overlay}: ${op.path} in ${target.kind}/${target.metadata.name}`).toBeDefined();
          }
        }
      }
    });
  }

  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!kubectl)('should render every overlay with kustomize (kubectl kustomize)', () => {
    for (const overlay of overlays) {
      const out = spawnSync('kubectl', ['kustomize', join(K8S, 'overlays', overlay)], { encoding: 'utf8' });
      expect(out.stderr, overlay).toBe('');
      expect(out.status, overlay).toBe(0);
      const docs = (parseAllDocuments(out.stdout) as unknown as { toJS(): Obj }[]).map((d) => d.toJS());
      const kinds = (kind: string) => docs.filter((d) => d.kind === kind);
      expect(
        kinds('Deployment')
          .map((d) => d.metadata.name)
          .sort(),
        overlay,
      ).toEqual([...COMPONENTS].sort());
      expect(kinds('Job')).toHaveLength(SUBGRAPHS.length);
      const namespace = kinds('Namespace')[0]?.metadata.name;
      expect(namespace).toEqual(expect.any(String));
      for (const d of docs.filter((x) => x.kind !== 'Namespace'))
        expect(d.metadata.namespace, `${overlay} ${d.kind}/${d.metadata.name}`).toBe(namespace);
      for (const w of [...kinds('Deployment'), ...kinds('Job')])
        expect(container(w).image, `${overlay} ${w.metadata.name}`).toMatch(/:[\w.-]+$/);
      const common = kinds('ConfigMap').find((c) => c.metadata.name.startsWith('tandem-common-'));
      for (const d of kinds('Deployment').filter((x) => !(APPS as readonly string[]).includes(x.metadata.name)))
        expect(container(d).envFrom[0].configMapRef.name).toBe(common?.metadata.name);
      for (const h of kinds('HorizontalPodAutoscaler'))
        expect(h.spec.maxReplicas).toBeGreaterThanOrEqual(h.spec.minReplicas);
    }
  });
});

describe('the documentation', () => {
  it('should keep the PostgreSQL example and the secrets inventory next to the manifests', () => {
    const secrets = load(join(K8S, 'secrets.example.yaml'));
    const names = new Set(secrets.map((s) => s.metadata.name));
    for (const d of [...all('Deployment'), ...all('Job')]) {
      for (const e of (container(d).env ?? []) as Obj[]) {
        const ref = e.valueFrom?.secretKeyRef;
        if (!ref) continue;
        expect(names.has(ref.name), `${d.metadata.name} reads Secret ${ref.name}`).toBe(true);
        expect(Object.keys(secrets.find((s) => s.metadata.name === ref.name)!.stringData)).toContain(ref.key);
      }
    }
    expect(readFileSync(join(K8S, 'postgres/cluster.example.yaml'), 'utf8')).toMatch(/# kind: Cluster/);
    expect(readFileSync(join(K8S, 'create-secrets.sh'), 'utf8')).toMatch(/openssl genpkey -algorithm ed25519/);
  });
});
