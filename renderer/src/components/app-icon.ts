import { h, type FunctionalComponent } from 'vue';
import { ICONS, type IconName } from './icons';

/**
 * An icon from the app's set. A functional component (no instance, no reactivity of its own):
 * every fleet row draws several, and rows mount while the table scrolls.
 */
const AppIcon: FunctionalComponent<{ name: IconName; size?: number }> = (props) => {
  const size = props.size ?? 16;
  return h(
    'svg',
    {
      class: 'app-icon',
      width: size,
      height: size,
      viewBox: '0 0 24 24',
      fill: 'none',
      stroke: 'currentColor',
      'stroke-width': 2,
      'stroke-linecap': 'round',
      'stroke-linejoin': 'round',
      'aria-hidden': 'true',
      focusable: 'false',
    },
    [h('path', { d: ICONS[props.name] })],
  );
};
AppIcon.props = ['name', 'size'];

export default AppIcon;
