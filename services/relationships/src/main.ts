import { runMain } from '@tandem/subgraph-kit';
import { relationships } from './service';

await runMain(relationships);
