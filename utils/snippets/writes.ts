/**
 * Imported by every module that writes snippets (store, backup, pack install): hands the pinyin search
 * fields to the database's write hooks (utils/db.ts). Pages that only read never load the dictionary.
 */
import { provideSearchFields } from '../db';
import { searchFieldsFor } from './search-fields';

provideSearchFields(searchFieldsFor);
