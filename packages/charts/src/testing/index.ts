/**
 * Test fixtures for everything that reads chart archives: a loopback Helm
 * repository server, deterministic chart archives built from plain files,
 * and a checkout's charts/<id>/ directory pointing at them.
 *
 *   const server = await startChartServer();
 *   const repo = server.repository('/stable');
 *   const published = repo.publish({ name: 'demo', version: '1.0.0', files: { 'templates/cm.yaml': '...' } });
 *   writeChartEntry(root, 'demo', { repo: repo.url, chart: 'demo', version: '1.0.0', digest: published.digest });
 *   ... pullCharts(root, { cacheDir }) ...
 *   await server.close();
 */
export { buildChartArchive, type ChartArchive, type ChartFiles, type ChartSource } from './archive.js';
export { writeChartEntry, type ChartEntryFields } from './checkout.js';
export { startChartServer, type ChartServer, type Fault, type FixtureRepository, type PublishedChart, type PublishSource } from './server.js';
export { chartErrorsOf } from './failure.js';
