import { runMain } from '@tandem/subgraph-kit';
import { reporting } from './service';

await runMain(reporting);
