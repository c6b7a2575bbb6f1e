export { translator, type Translator } from './translator';
