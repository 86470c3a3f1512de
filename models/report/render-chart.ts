import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { ChartRenderError } from './errors.js';

/**
 * Renders a Vega-Lite spec to a standalone SVG string on the server (no runtime in the page, so
 * the report opens offline and draws without JavaScript). Text widths are estimated, as no
 * canvas is needed.
 */
export async function renderChartSvg(name: string, spec: TopLevelSpec): Promise<string> {
  let view: View | null = null;
  try {
    view = new View(parse(compile(spec).spec), { renderer: 'none' });
    return await view.toSVG();
  } catch (error) {
    throw new ChartRenderError(`Chart "${name}" could not be drawn: ${(error as Error).message}`, { cause: error });
  } finally {
    view?.finalize();
  }
}
