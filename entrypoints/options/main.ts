import '~/assets/options.css';
import { loadFirstSection, sectionInAddress } from './sections';

// index.html paints the page's frame (menu, grey bars) before any script. Then the section in the
// address, the settings and that section's data load side by side with the page's own code, and the
// page renders once, with its content.
const first = loadFirstSection(sectionInAddress());
void import('./App').then(({ mountOptions }) => mountOptions(first));
