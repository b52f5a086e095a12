/**
 * A structural checker for the Mermaid flowchart subset that src/report/mermaid.ts writes (a
 * test helper, not a Mermaid parser): the header, subgraphs with their `end`, node definitions
 * with quoted, entity-escaped labels, edges between defined nodes, and classDef / class /
 * linkStyle lines that refer to what exists. It is strict on purpose: anything outside the subset
 * is a problem, so a label that broke out of its quotes shows up as an unrecognised statement.
 */

const ID = /^[A-Za-z][A-Za-z0-9_]*$/;
const RESERVED = new Set(['end', 'subgraph', 'graph', 'flowchart', 'direction', 'style', 'classdef', 'class', 'click', 'linkstyle', 'default', 'call', 'href']);
const NAMED_ENTITIES: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&', nbsp: '\u00a0' };

/** `open` + `"label"` + `close` for each node shape the report draws. */
const SHAPES: [string, string][] = [
  ['[(', ')]'],
  ['([', '])'],
  ['[', ']'],
];

const NODE = /^([^\s[(]+)(\[\(|\(\[|\[)"(.*)"(\)\]|\]\)|\])$/;
const SUBGRAPH = /^subgraph (\S+)\["(.*)"\]$/;
const EDGE = /^(\S+) (-->|==>|-\.->|-\.->\|"(.*)"\|) (\S+)$/;
const CLASS_DEF = /^classDef (\S+) (.+)$/;
const CLASS = /^class (\S+) (\S+)$/;
const LINK_STYLE = /^linkStyle (\S+) (.+)$/;
const STYLE = /^[a-z-]+:[^,:;{}"]+$/;

function idProblem(id: string): string | null {
  if (!ID.test(id)) return `invalid id ${JSON.stringify(id)}`;
  if (RESERVED.has(id.toLowerCase())) return `reserved word used as an id: ${JSON.stringify(id)}`;
  return null;
}

/** What is wrong with the text between a label's quotes (empty when nothing). */
export function labelProblems(label: string): string[] {
  const problems: string[] = [];
  if (/["\n\r]/.test(label)) problems.push('raw quote or newline in a label');
  if (/[`|%]/.test(label)) problems.push('unescaped backtick, pipe or percent sign in a label');
  // Mermaid rewrites such lines before it decodes entities (see guardStyleRewrite).
  if (/(style|classDef).*:\S*#.*;/.test(label)) problems.push('a label Mermaid’s style rewrite would alter');
  const withoutBreaks = label.replace(/<br\/>/g, '');
  if (/[<>]/.test(withoutBreaks)) problems.push('raw < or > in a label (other than <br/>)');
  if (/&/.test(withoutBreaks)) problems.push('raw & in a label');
  for (const match of label.matchAll(/#/g)) {
    const rest = label.slice(match.index);
    const entity = /^#(\w+);/.exec(rest);
    if (!entity) problems.push('a # in a label that starts no entity');
    else if (!/^\d+$/.test(entity[1] as string) && !((entity[1] as string) in NAMED_ENTITIES)) problems.push(`unknown entity #${entity[1] as string};`);
  }
  return problems;
}

/** A label as Mermaid shows it: entities decoded, `<br/>` as a newline. */
export function decodeLabel(label: string): string {
  return label
    .replace(/<br\/>/g, '\n')
    .replace(/#(\w+);/g, (whole, name: string) => (/^\d+$/.test(name) ? String.fromCodePoint(Number(name)) : NAMED_ENTITIES[name] ?? whole));
}

export interface ParsedChart {
  problems: string[];
  /** Node id → decoded label. */
  labels: Map<string, string>;
  /** Node id → the subgraph it is defined in (or '' at top level). */
  parents: Map<string, string>;
  edges: { from: string; to: string; text: string | null }[];
  /** Class name → node ids. */
  classes: Map<string, string[]>;
  linkStyles: number[];
}

export function parseMermaid(text: string): ParsedChart {
  const problems: string[] = [];
  const labels = new Map<string, string>();
  const parents = new Map<string, string>();
  const edges: ParsedChart['edges'] = [];
  const classDefs = new Set<string>();
  const classUses: { ids: string[]; name: string; line: number }[] = [];
  const classes = new Map<string, string[]>();
  const linkStyles: { indices: number[]; line: number }[] = [];
  const subgraphs = new Set<string>();
  const stack: string[] = [];
  const lines = text.split('\n');
  if (!/^flowchart (LR|RL|TB|TD|BT)$/.test(lines[0] ?? '')) problems.push('line 1: not a flowchart header');

  for (const [i, raw] of lines.entries()) {
    if (i === 0) continue;
    const at = `line ${i + 1}`;
    const line = raw.trim();
    if (line === '' || line.startsWith('%%')) continue;
    if (raw.includes('\r')) problems.push(`${at}: carriage return`);
    let m: RegExpExecArray | null;
    if ((m = SUBGRAPH.exec(line))) {
      const [, id, label] = m as unknown as [string, string, string];
      const bad = idProblem(id);
      if (bad) problems.push(`${at}: subgraph ${bad}`);
      if (subgraphs.has(id) || labels.has(id)) problems.push(`${at}: subgraph id ${id} used twice`);
      problems.push(...labelProblems(label).map((p) => `${at}: ${p}`));
      subgraphs.add(id);
      stack.push(id);
    } else if (line === 'end') {
      if (stack.pop() === undefined) problems.push(`${at}: end without subgraph`);
    } else if ((m = NODE.exec(line))) {
      const [, id, open, label, close] = m as unknown as [string, string, string, string, string];
      const bad = idProblem(id);
      if (bad) problems.push(`${at}: node ${bad}`);
      if (!SHAPES.some(([o, c]) => o === open && c === close)) problems.push(`${at}: mismatched shape ${open}…${close}`);
      if (labels.has(id) || subgraphs.has(id)) problems.push(`${at}: node ${id} defined twice`);
      problems.push(...labelProblems(label).map((p) => `${at}: ${p}`));
      labels.set(id, decodeLabel(label));
      parents.set(id, stack[stack.length - 1] ?? '');
    } else if ((m = EDGE.exec(line))) {
      const [, from, , edgeText, to] = m as unknown as [string, string, string, string | undefined, string];
      for (const id of [from, to]) {
        const bad = idProblem(id);
        if (bad) problems.push(`${at}: edge end ${bad}`);
      }
      if (edgeText !== undefined) problems.push(...labelProblems(edgeText).map((p) => `${at}: edge text: ${p}`));
      edges.push({ from, to, text: edgeText === undefined ? null : decodeLabel(edgeText) });
    } else if ((m = CLASS_DEF.exec(line))) {
      const [, name, styles] = m as unknown as [string, string, string];
      if (!ID.test(name)) problems.push(`${at}: invalid class name ${JSON.stringify(name)}`);
      if (!styles.split(',').every((s) => STYLE.test(s))) problems.push(`${at}: invalid classDef styles ${JSON.stringify(styles)}`);
      classDefs.add(name);
    } else if ((m = CLASS.exec(line))) {
      const [, ids, name] = m as unknown as [string, string, string];
      classUses.push({ ids: ids.split(','), name, line: i + 1 });
    } else if ((m = LINK_STYLE.exec(line))) {
      const [, indices, styles] = m as unknown as [string, string, string];
      if (!/^\d+(,\d+)*$/.test(indices)) problems.push(`${at}: invalid linkStyle indices ${JSON.stringify(indices)}`);
      if (!styles.split(',').every((s) => STYLE.test(s))) problems.push(`${at}: invalid linkStyle styles ${JSON.stringify(styles)}`);
      linkStyles.push({ indices: indices.split(',').map(Number), line: i + 1 });
    } else {
      problems.push(`${at}: unrecognised statement ${JSON.stringify(line.slice(0, 80))}`);
    }
  }

  if (stack.length > 0) problems.push(`subgraph ${stack.join(', ')} has no end`);
  for (const [n, edge] of edges.entries()) {
    for (const id of [edge.from, edge.to]) if (!labels.has(id)) problems.push(`edge ${n}: ${id} is not a defined node`);
  }
  for (const use of classUses) {
    if (!classDefs.has(use.name)) problems.push(`line ${use.line}: class ${use.name} has no classDef`);
    for (const id of use.ids) if (!labels.has(id)) problems.push(`line ${use.line}: class on undefined node ${JSON.stringify(id)}`);
    classes.set(use.name, [...(classes.get(use.name) ?? []), ...use.ids]);
  }
  for (const style of linkStyles) {
    for (const index of style.indices) if (!(index >= 0 && index < edges.length)) problems.push(`line ${style.line}: linkStyle ${index} names no edge`);
  }
  return { problems, labels, parents, edges, classes, linkStyles: linkStyles.flatMap((s) => s.indices) };
}

/** The problems of a chart; empty when it is well-formed. */
export function checkMermaid(text: string): string[] {
  return parseMermaid(text).problems;
}
