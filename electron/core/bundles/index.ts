/** Offline review bundles: one site's hubs and what the store knew of them, in one verified file. */
export { canonicalJson } from './canonical-json';
export { contentHash, decodeBundle, encodeBundle, readBundleFile, readBundleText } from './bundle-codec';
export { collectBundle, suggestedBundleName, type BundleDeviceSource } from './bundle-export';
export { BundleLibrary } from './bundle-library';
export { bundleReport } from './bundle-report';
export { adoptBundleHubs } from './bundle-adopt';
export { bundleView, bundledHubDetail } from './bundle-view';
export { BundleUploads, type BundleUploadsOptions } from './bundle-uploads';
