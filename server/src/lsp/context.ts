/** What every LSP feature module needs, passed explicitly instead of living in globals. */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisService } from './analysis-service';
import type { Settings } from './settings';
import type { StatusReporter } from './status';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: AnalysisService;
  settingsFor(uri: string): Promise<Settings>;
  /** The workspace folder containing a file (the file's own folder when outside all of them). */
  folderOf(file: string): string;
  pullDiagnostics: boolean;
  status: StatusReporter;
  log(message: string): void;
}
