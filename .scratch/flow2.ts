import { performance } from 'node:perf_hooks';
import { run } from '../test/bench/sessionChannel.bench';
const t = setInterval(() => console.log('alive', (performance.now() / 1000).toFixed(0)), 10000);
void run().then((f) => { clearInterval(t); console.log(JSON.stringify(f.map((x) => [x.name.slice(0, 40), x.samples.length]))); });
