import { Lifecycle, type DependencyContainer } from "tsyringe";

/** The parts of tsyringe's container this file reads: its own registry and its parent. */
interface Registration {
  provider: unknown;
  options: { lifecycle: Lifecycle };
}
interface ContainerInternals {
  parent?: ContainerInternals;
  _registry?: { entries(): Iterable<[unknown, Registration[]]>; setAll(token: unknown, value: Registration[]): void };
}

const isScoped = (registration: Registration) => registration.options.lifecycle === Lifecycle.ContainerScoped;

/**
 * A request's child of the App's container that holds its own copy of every
 * `Lifecycle.ContainerScoped` registration the App's container can see.
 *
 * tsyringe copies such registrations only from the parent's own registry, when the child is
 * made; one on an ancestor (`@scoped()` registers on the root container, often after
 * `new App()` made the App's container) would otherwise be resolved into the ancestor's
 * registration, one instance for every request of the process.
 */
export function createRequestContainer(appContainer: DependencyContainer): DependencyContainer {
  const child = appContainer.createChildContainer();
  const into = (child as unknown as ContainerInternals)._registry;
  const from = appContainer as unknown as ContainerInternals;
  if (into === undefined || from._registry === undefined) return child;
  const seen = new Set<unknown>();
  for (const [token] of from._registry.entries()) seen.add(token);
  for (let ancestor = from.parent; ancestor?._registry !== undefined; ancestor = ancestor.parent) {
    for (const [token, registrations] of ancestor._registry.entries()) {
      if (seen.has(token)) continue;
      seen.add(token);
      if (registrations.some(isScoped)) {
        into.setAll(
          token,
          registrations.map((r) => (isScoped(r) ? { provider: r.provider, options: r.options } : r)),
        );
      }
    }
  }
  return child;
}
