import { Hono } from 'hono';
import { requireUser } from '../core/auth.js';
import { limitByIp } from '../core/ip-limits.js';
import type { AppEnv } from '../core/env.js';
import { health } from './health.js';
import { logout } from './logout.js';
import { magicLink, otp } from './otp.js';
import { reauthenticate } from './reauthenticate.js';
import { recover } from './recover.js';
import { resend } from './resend.js';
import { settings } from './settings.js';
import { signup } from './signup.js';
import { token } from './token.js';
import { getUser, updateCurrentUser } from './user.js';
import { verifyCode, verifyLink } from './verify.js';

/** GoTrue's route table (internal/api/api.go), as far as authlab implements it. */
export function authRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/health', health);
  r.get('/settings', settings);

  r.post('/signup', limitByIp('otp'), signup);
  r.post('/token', limitByIp('token'), token);
  r.get('/verify', limitByIp('verify'), verifyLink);
  r.post('/verify', limitByIp('verify'), verifyCode);
  r.post('/otp', limitByIp('otp'), otp);
  r.post('/magiclink', limitByIp('otp'), magicLink);
  r.post('/recover', limitByIp('otp'), recover);
  r.post('/resend', limitByIp('otp'), resend);

  r.get('/user', requireUser, getUser);
  r.put('/user', limitByIp('otp'), requireUser, updateCurrentUser);
  r.get('/reauthenticate', requireUser, reauthenticate);
  r.post('/logout', requireUser, logout);
  return r;
}
