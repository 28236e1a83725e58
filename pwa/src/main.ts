import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { startServiceWorker } from './lib/pwa.svelte';
import { loadSession } from './lib/session.svelte';
import { startReplay } from './lib/outbox.svelte';

// Ask who is signed in while the shell renders.
void loadSession();

const target = document.getElementById('app');
if (!target) throw new Error('RJ Hub: #app is missing from index.html');
mount(App, { target });

startServiceWorker();
// Actions taken offline (answers to offers, contacts, agreement items, attendance) go to the
// server once the phone is back online.
startReplay();
