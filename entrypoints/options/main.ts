import '~/assets/options.css';
import { loadSection, sectionInAddress } from './sections';

// index.html paints the page's frame (menu, grey bars) before any script. Then the section in the
// address and the page's own code load side by side, instead of one after the other.
const first = loadSection(sectionInAddress());
void import('./App').then(({ mountOptions }) => mountOptions(first));
