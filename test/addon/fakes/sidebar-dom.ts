/**
 * Just enough DOM to run the sidebar's client script in a vm: elements with textContent,
 * children, attributes set as properties and click listeners, plus a google.script.run that
 * calls the add-on's server functions in the same environment, as the real bridge does.
 */
import vm from 'node:vm';
import type { AddonEnvironment } from './environment';

export class FakeNode {
  readonly children: FakeNode[] = [];
  parentNode: FakeNode | null = null;
  className = '';
  id = '';
  type = '';
  value = '';
  checked = false;
  selected = false;
  hidden = false;
  private text = '';
  private readonly listeners = new Map<string, ((event: { preventDefault(): void }) => void)[]>();

  constructor(readonly tagName: string) {}

  get textContent(): string {
    return this.tagName === '#text' ? this.text : this.children.map((child) => child.textContent).join('');
  }
  set textContent(value: string) {
    for (const child of this.children) child.parentNode = null;
    this.children.length = 0;
    if (this.tagName === '#text') this.text = value;
    else if (value !== '') this.appendChild(Object.assign(new FakeNode('#text'), { text: value }) as FakeNode);
  }
  get firstChild(): FakeNode | null {
    return this.children[0] ?? null;
  }
  get options(): FakeNode[] {
    return this.children.filter((child) => child.tagName === 'option');
  }
  appendChild(child: FakeNode): FakeNode {
    child.parentNode?.removeChild(child);
    this.children.push(child);
    child.parentNode = this;
    return child;
  }
  insertBefore(child: FakeNode, reference: FakeNode | null): FakeNode {
    child.parentNode?.removeChild(child);
    const at = reference ? this.children.indexOf(reference) : -1;
    this.children.splice(at < 0 ? this.children.length : at, 0, child);
    child.parentNode = this;
    return child;
  }
  removeChild(child: FakeNode): FakeNode {
    const at = this.children.indexOf(child);
    if (at >= 0) this.children.splice(at, 1);
    child.parentNode = null;
    return child;
  }
  replaceChild(fresh: FakeNode, old: FakeNode): FakeNode {
    const at = this.children.indexOf(old);
    fresh.parentNode?.removeChild(fresh);
    this.children[at] = fresh;
    fresh.parentNode = this;
    old.parentNode = null;
    return old;
  }
  addEventListener(type: string, listener: (event: { preventDefault(): void }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  click(): void {
    for (const listener of this.listeners.get('click') ?? []) listener({ preventDefault: () => undefined });
  }
  /** Every descendant, depth first. */
  all(): FakeNode[] {
    return this.children.flatMap((child) => [child, ...child.all()]);
  }
  button(label: string | RegExp): FakeNode {
    const found = this.all().find((node) => node.tagName === 'button' && (typeof label === 'string' ? node.textContent === label : label.test(node.textContent)));
    if (!found) throw new Error(`No button ${String(label)} in: ${this.textContent}`);
    return found;
  }
}

export interface RenderedSidebar {
  readonly app: FakeNode;
  /** google.script.run calls made so far: [functionName, ...args]. */
  readonly calls: unknown[][];
}

/** Runs the last sidebar's client script against the fake DOM. */
export function renderSidebar(env: AddonEnvironment): RenderedSidebar {
  const content = env.ui.sidebars.at(-1)?.content;
  if (!content) throw new Error('No sidebar was shown.');
  const script = /<script>([\s\S]*)<\/script>/.exec(content)?.[1] ?? '';
  const payloadText = /<div id="payload" hidden>([\s\S]*?)<\/div>/.exec(content)?.[1] ?? '';
  const payload = Object.assign(new FakeNode('div'), { id: 'payload' });
  payload.textContent = payloadText.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const app = Object.assign(new FakeNode('div'), { id: 'app' });
  const calls: unknown[][] = [];
  const run = (success: (value: unknown) => void = () => undefined, failure: (error: Error) => void = () => undefined): object => new Proxy({}, {
    get(_target, name: string) {
      if (name === 'withSuccessHandler') return (fn: (value: unknown) => void) => run(fn, failure);
      if (name === 'withFailureHandler') return (fn: (error: Error) => void) => run(success, fn);
      return (...args: unknown[]) => {
        calls.push([name, ...args]);
        try {
          success(env.run(name, ...args));
        } catch (error) {
          failure(error as Error);
        }
      };
    },
  });
  const document = {
    getElementById: (id: string) => (id === 'payload' ? payload : id === 'app' ? app : app.all().find((node) => node.id === id) ?? null),
    createElement: (tag: string) => new FakeNode(tag),
  };
  vm.runInNewContext(script, { document, google: { script: { get run() { return run(); }, host: { close: () => undefined } } }, JSON, String });
  return { app, calls };
}
