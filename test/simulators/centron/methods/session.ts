// Login, tickets and connection/user/setting methods.
import { asInt, asObject, CallError, MESSAGES, type MethodSpec } from './context.js';

/** The Application GUID public clients send on Login (documented); the simulator records but does not enforce it. */
export const CENTRON_APPLICATION_GUID = '{8A9E6F82-4DFF-4C93-916C-CEA90EE4ED22}';

export const sessionMethods: MethodSpec[] = [
  { name: 'CheckConnection', ticket: false, handle: () => [true] },
  {
    name: 'Login',
    ticket: false,
    handle: (ctx, data) => {
      const d = asObject(data);
      const user = typeof d.Username === 'string' ? ctx.state.user(d.Username) : undefined;
      const kind = d.LoginKind ?? 0;
      const ok = user !== undefined && typeof d.Password === 'string' && d.Password === user.password && kind === 0;
      ctx.state.logins.push({ at: ctx.state.now(), data, ok });
      if (!ok || !user) throw new CallError(MESSAGES.loginFailed, 2);
      return [ctx.state.sessions.create(user.username)];
    },
  },
  {
    name: 'Logout',
    ticket: false,
    handle: (ctx) => {
      ctx.state.sessions.drop(ctx.ticket);
      return [];
    },
  },
  {
    name: 'IsValidTicket',
    ticket: false,
    handle: (ctx) => [ctx.state.sessions.use(ctx.ticket, ctx.maxTicketUses) !== null],
  },
  {
    name: 'GetCommonLoginInformations',
    ticket: true,
    handle: (ctx) => {
      const u = ctx.user!;
      return [{ AppUserI3D: u.I3D, AppUserLogin: u.username, AppUserName: u.displayName, IsAdmin: u.isAdmin, ServerVersion: 'Ferry c-entron simulator' }];
    },
  },
  { name: 'IsUserAdmin', ticket: true, handle: (ctx) => [ctx.user!.isAdmin] },
  {
    name: 'GetCurrentAppUser',
    ticket: true,
    handle: (ctx) => {
      const u = ctx.user!;
      return [{ I3D: u.I3D, Login: u.username, Name: u.displayName, IsAdmin: u.isAdmin }];
    },
  },
  {
    name: 'GetAppSettingByI3D',
    ticket: true,
    handle: (ctx, data) => {
      const setting = ctx.state.settings.get(asInt(data, 'Data'));
      return setting ? [setting] : [];
    },
  },
];
