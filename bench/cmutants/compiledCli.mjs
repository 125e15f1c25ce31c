// The CLI as the installed package runs it (bin/gpuvm-check.mjs where there are no sources):
// the compiled dist/ of `npm run build`, without tsx. Started by the benchmark (product.ts).
const { main } = await import('../../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
