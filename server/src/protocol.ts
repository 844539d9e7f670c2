/**
 * Scalelint's custom LSP messages, shared by the server and the VS Code client (esbuild bundles this
 * file into both). Each says who sends it to whom. Methods are plain strings with typed parameters:
 * the client and server libraries each carry their own copy of vscode-jsonrpc, whose message-type
 * classes do not interchange.
 */

export interface ScanWorkspaceResult {
  files: number;
  analyzed: number;
  skipped: number;
  findings: number;
  byRule: Record<string, number>;
  durationMs: number;
  cancelled: boolean;
}

/** Client → server: analyse every project file, publishing findings for files not open; reports work-done progress. */
export namespace ScanWorkspaceRequest {
  export const method = 'scalelint/scanWorkspace';
  export interface Params {
    workDoneToken?: string | number;
  }
}

/** Server → client, during a scan: how far it is (the client shows it in a cancellable notification). */
export namespace ScanProgressNotification {
  export const method = 'scalelint/scanProgress';
  export interface Params {
    done: number;
    total: number;
  }
}

export interface StatusParams {
  state: 'starting' | 'analyzing' | 'idle' | 'error';
  /** Milliseconds the last analysis of a file took. */
  lastAnalysisMs?: number;
  /** Findings known in the workspace (open files plus the last scan). */
  findings: number;
  message?: string;
}

/** Server → client: the state shown by the language-status item. */
export namespace StatusNotification {
  export const method = 'scalelint/status';
}

/** Client → server: the scaling report of the workspace as a self-contained HTML page. */
export namespace ScalingReportRequest {
  export const method = 'scalelint/scalingReport';
  export interface Result {
    html: string;
    findings: number;
  }
}

/** The command the "Show documentation" code action runs; the client opens the URI it carries. */
export const SHOW_DOCUMENTATION_COMMAND = 'scalelint.showDocumentation';
export const FIX_ALL_KIND = 'source.fixAll.scalelint';
