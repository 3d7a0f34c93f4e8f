/** The Info Object of the document: `title` and `version` are required. */
export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly summary?: string;
  readonly description?: string;
  readonly termsOfService?: string;
  readonly contact?: { readonly name?: string; readonly url?: string; readonly email?: string };
  readonly license?: { readonly name: string; readonly identifier?: string; readonly url?: string };
}

/** A Server Object: where the API is served (`https://api.example.com`, `/api`). */
export interface OpenApiServer {
  readonly url: string;
  readonly description?: string;
  readonly variables?: Readonly<Record<string, { readonly default: string; readonly enum?: readonly string[]; readonly description?: string }>>;
}

/** Options of `openapi(app, options)`. */
export interface OpenApiOptions {
  /** The document's Info Object. */
  readonly info: OpenApiInfo;
  /** The document's servers; none means the origin the document is served from. */
  readonly servers?: readonly OpenApiServer[];
  /**
   * The path a host mounts the App under (`"/api"` for `express().use("/api", toExpressRouter(app))`),
   * put in front of every path of the document.
   * @default ""
   */
  readonly prefix?: string;
}

/** The options, checked: a TypeError names what was expected. */
export interface CheckedOptions {
  readonly info: OpenApiInfo;
  readonly servers: readonly OpenApiServer[] | undefined;
  readonly prefix: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Checks the options of `openapi()` and `mountDocs()`; `where` names the call in errors. */
export function checkOpenApiOptions(options: unknown, where: string): CheckedOptions {
  if (!isRecord(options)) throw new TypeError(`${where}: options must be an object with info: { title, version }`);
  const { info, servers, prefix = "" } = options;
  if (!isRecord(info) || typeof info.title !== "string" || typeof info.version !== "string") {
    throw new TypeError(`${where}: info must be an object with a string title and a string version, as OpenAPI's Info Object`);
  }
  if (servers !== undefined && !(Array.isArray(servers) && servers.every((server) => isRecord(server) && typeof server.url === "string"))) {
    throw new TypeError(`${where}: servers must be an array of { url, description? }`);
  }
  if (typeof prefix !== "string" || (prefix !== "" && (!prefix.startsWith("/") || /[?#{}]/.test(prefix)))) {
    throw new TypeError(`${where}: prefix must be a path starting with "/" (the host's mount path), got ${JSON.stringify(prefix)}`);
  }
  return { info: info as unknown as OpenApiInfo, servers: servers as OpenApiServer[] | undefined, prefix: prefix.replace(/\/+$/, "") };
}
