// expect: no findings
import axios from 'axios';
import { profiles } from './clients';

// Set once at startup: every call on the default instance gets it.
axios.defaults.timeout = 4000;
profiles.defaults.timeout = 2500;
