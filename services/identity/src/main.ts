import { runMain } from '@tandem/subgraph-kit';
import { identity } from './service';

await runMain(identity);
