import '~/assets/options.css';

// index.html paints the panel's frame (tabs, grey bars) before any script; the library follows.
void import('./SidePanel').then(({ mountSidePanel }) => mountSidePanel());
