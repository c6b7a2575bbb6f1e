/** Offline review bundles: one site's hubs and what the store knew of them, in one verified file. */
export { canonicalJson } from './canonical-json';
export { contentHash, decodeBundle, encodeBundle, readBundleFile, readBundleText } from './bundle-codec';
export { collectBundle, suggestedBundleName, type BundleDeviceSource, type BundleExportSource } from './bundle-export';
export { BundleLibrary, BUNDLES_FOLDER, type OpenedBundle } from './bundle-library';
export { bundleReport, bundleReportInput, type BundleReportRequest } from './bundle-report';
export { adoptBundleHubs } from './bundle-adopt';
export { bundleView, bundledHubDetail } from './bundle-view';
