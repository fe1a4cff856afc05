import { Fragment } from 'react'
import { SafeText } from '../../components/SafeText'
import type { MdBlock, MdInline, MdLine } from './markdown-parse'
import { parseMarkdown } from './markdown-parse'

/** Props of {@link MarkdownText}. */
export interface MarkdownTextProps {
  /** Untrusted markdown (a note: the analyst's, or a partner's from a bundle). */
  readonly value: string
}

/** Notes are capped at 20,000 characters; SafeText must never cut a piece of one. */
const NO_CUT = 1_000_000

/**
 * A note's markdown as React elements, from a small safe subset (see `markdown-parse.ts`).
 *
 * No HTML is parsed and nothing is injected: every piece of text goes through {@link SafeText},
 * so `<script>` stays text. Links are never live (the app is offline and a link could leak):
 * `[text](url)` shows the text, then the url in parentheses.
 */
export function MarkdownText({ value }: MarkdownTextProps) {
  return (
    <div className="note-text markdown">
      <Blocks blocks={parseMarkdown(value)} />
    </div>
  )
}

function Blocks({ blocks }: { readonly blocks: readonly MdBlock[] }) {
  return blocks.map((block, i) => <Block key={i} block={block} />)
}

function Block({ block }: { readonly block: MdBlock }) {
  switch (block.kind) {
    case 'paragraph':
      return (
        <p className="md-paragraph">
          <Lines lines={block.lines} />
        </p>
      )
    case 'heading':
      return (
        <p className="md-heading">
          <strong>
            <Lines lines={block.lines} />
          </strong>
        </p>
      )
    case 'code':
      return (
        <pre className="md-code">
          <code>
            {block.lines.map((line, i) => (
              <Fragment key={i}>
                {i > 0 && '\n'}
                {line !== '' && <SafeText value={line} max={NO_CUT} />}
              </Fragment>
            ))}
          </code>
        </pre>
      )
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          <Lines lines={item} />
        </li>
      ))
      return block.start === null ? (
        <ul className="md-list">{items}</ul>
      ) : (
        <ol className="md-list" start={block.start}>
          {items}
        </ol>
      )
    }
    case 'quote':
      return (
        <blockquote className="md-quote">
          <Blocks blocks={block.blocks} />
        </blockquote>
      )
  }
}

/** Lines of a block, each its own line (the note's line breaks are kept). */
function Lines({ lines }: { readonly lines: readonly MdLine[] }) {
  return lines.map((line, i) => (
    <span key={i} className="note-line">
      {line.length === 0 ? '\u00a0' : <Inlines nodes={line} />}
    </span>
  ))
}

function Inlines({ nodes }: { readonly nodes: readonly MdInline[] }) {
  return nodes.map((node, i) => <Inline key={i} node={node} />)
}

function Inline({ node }: { readonly node: MdInline }) {
  switch (node.kind) {
    case 'text':
      return <SafeText value={node.text} max={NO_CUT} />
    case 'code':
      return (
        <code className="md-inline-code">
          <SafeText value={node.text} max={NO_CUT} fallback="" />
        </code>
      )
    case 'strong':
      return (
        <strong>
          <Inlines nodes={node.children} />
        </strong>
      )
    case 'em':
      return (
        <em>
          <Inlines nodes={node.children} />
        </em>
      )
    case 'link':
      return (
        <span className="md-link">
          <Inlines nodes={node.children} />
          <span className="md-link-url">
            {' ('}
            <SafeText value={node.url} max={NO_CUT} fallback="" />
            {')'}
          </span>
        </span>
      )
  }
}
