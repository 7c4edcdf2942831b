// The hostile-archive suite (issue 7): one process runs the generated corpus (inputs.ts, big.ts,
// containers.ts) and the faults (faults.ts) through the real engine and CLI, then prints the
// figures of §5 as one table. One entry file, so the table covers the whole suite; each module
// registers its own tests, each with a timeout so nothing can hang CI. `HOSTILE_BIG=1` runs the
// kill -9 fault on a 1M-event import instead of 200k (see faults.ts).
import { after } from 'node:test';
import { summaryText } from './figures.ts';
import './inputs.ts';
import './big.ts';
import './containers.ts';
import './faults.ts';

const started = Date.now();

after(() => {
  console.log(summaryText(Date.now() - started));
});
