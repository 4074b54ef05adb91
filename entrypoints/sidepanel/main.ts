import '~/assets/options.css';
import { mountSidePanel } from './SidePanel';

// index.html paints the panel's frame (tabs, grey bars) and, in its head, asks for all of the panel's code
// at once (it has one view, a static import lists it there); the library follows once read.
mountSidePanel();
