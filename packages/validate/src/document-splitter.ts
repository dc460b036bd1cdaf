/** A document's text as cut from a stream, with where it starts. */
export interface DocumentChunk {
  /** The document's lines, markers blanked; undefined when it was too large to keep. */
  text?: string;
  /** 0-based line of the chunk's first line in the file. */
  firstLine: number;
  /** Set when the document exceeded the size limit and was dropped unread. */
  oversize?: { chars: number };
}

/**
 * Largest document kept in memory, in UTF-16 code units. kubeconform caps a
 * document at 256 MiB (pkg/resource/files.go, findResourcesInReader,
 * maxBufSize); etcd caps a stored object at 1.5 MiB, so 32 Mi characters
 * leaves room for a large `kind: List` while bounding a run's memory.
 */
export const MAX_DOCUMENT_CHARS = 32 * 1024 * 1024;

/**
 * Cuts a text stream into YAML documents as it arrives, holding at most one
 * document (plus one partial line) at a time. A `---` or `...` at column 0
 * always ends a document in YAML (even inside a block scalar), so a line scan
 * is exact; kubeconform splits the same way (pkg/resource/stream.go,
 * SplitYAMLDocument, from Kubernetes' pkg/util/yaml). Marker characters are
 * blanked, not removed, so columns and lines stay put.
 */
export class DocumentSplitter {
  private lines: string[] = [];
  private chars = 0;
  private firstLine = 0;
  private lineIndex = 0;
  private partial = '';
  private oversize = false;
  private started = false;

  constructor(
    private readonly emit: (chunk: DocumentChunk) => void,
    private readonly maxChars = MAX_DOCUMENT_CHARS,
  ) {}

  /** Feeds the next piece of text (any size, any split point). */
  write(text: string): void {
    let piece = text;
    if (!this.started && piece.length > 0) {
      this.started = true;
      piece = piece.replace(/^\uFEFF/, '');
    }
    let start = 0;
    for (;;) {
      const newline = piece.indexOf('\n', start);
      if (newline === -1) {
        this.keepPartial(piece.slice(start));
        return;
      }
      const line = this.partial + piece.slice(start, newline);
      this.partial = '';
      start = newline + 1;
      this.line(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
  }

  /** Ends the stream: the last line and document are emitted. */
  end(): void {
    const last = this.partial;
    this.partial = '';
    this.line(last);
    this.flush(this.lineIndex);
  }

  private keepPartial(rest: string): void {
    this.partial += rest;
    if (this.oversize) {
      // Only the first characters of a line can make it a marker.
      this.partial = this.partial.slice(0, 4);
      this.chars += rest.length;
    } else if (this.chars + this.partial.length > this.maxChars) {
      this.becomeOversize(this.partial.length);
      this.partial = this.partial.slice(0, 4);
    }
  }

  private line(line: string): void {
    if (/^---(\s|$)/.test(line)) {
      this.flush(this.lineIndex);
      this.push(`   ${line.slice(3)}`);
    } else if (/^\.\.\.(\s|$)/.test(line)) {
      this.push(`   ${line.slice(3)}`);
      this.lineIndex += 1;
      this.flush(this.lineIndex);
      return;
    } else {
      this.push(line);
    }
    this.lineIndex += 1;
  }

  private push(line: string): void {
    this.chars += line.length + 1;
    if (this.oversize) return;
    if (this.chars > this.maxChars) {
      this.becomeOversize(0);
      return;
    }
    this.lines.push(line);
  }

  private becomeOversize(extra: number): void {
    this.oversize = true;
    this.chars += extra;
    this.lines = [];
  }

  private flush(nextFirstLine: number): void {
    if (this.oversize) this.emit({ firstLine: this.firstLine, oversize: { chars: this.chars } });
    else this.emit({ text: this.lines.join('\n'), firstLine: this.firstLine });
    this.lines = [];
    this.chars = 0;
    this.oversize = false;
    this.firstLine = nextFirstLine;
  }
}
