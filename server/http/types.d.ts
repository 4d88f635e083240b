import type { TFunction } from 'i18next';
import type { UserRecord } from '../store/store.js';

declare global {
  namespace Express {
    // passport attaches the signed-in user's record
    interface User extends UserRecord {}
    interface Request {
      lang: string;
      t: TFunction;
      id: string | number | object;
    }
  }
}
