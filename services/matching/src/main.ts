import { runMain } from '@tandem/subgraph-kit';
import { matching } from './service';

await runMain(matching);
