import { run } from './sc';
void run().then((f) => console.log(f.length));
