import { PipelineDetail } from './PipelineDetail.js';
import { PipelineList } from './PipelineList.js';

/** `#/pipelines` lists them with actions and live progress; `#/pipelines/<name>` shows one in full. */
export function PipelinesScreen({ params }: { params: string[] }) {
  const name = params[0];
  return <div data-testid="screen-pipelines">{name ? <PipelineDetail key={name} name={name} /> : <PipelineList />}</div>;
}
