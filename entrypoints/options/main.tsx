import { render } from 'preact';
import { App } from './App';
import '~/assets/options.css';

render(<App />, document.getElementById('app')!);
