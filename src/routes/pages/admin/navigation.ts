/**
 * The header links of every /admin page (admin/autohooks.ts sets them): the
 * sections used most, and the admin home page for the rest. The one the page
 * is in is marked current. (Not a plugin: autoload loads only index.ts and
 * autohooks.ts from this folder.)
 */
const ADMIN_NAVIGATION = [
  { text: 'Admin home', href: '/admin' },
  { text: 'Invitations', href: '/admin/invitations' },
  { text: 'Bookings', href: '/admin/bookings' },
  { text: 'Actions', href: '/admin/actions' },
  { text: 'Coaches', href: '/admin/coaches' },
  { text: 'Reports', href: '/admin/reports' },
] as const

export function adminNavigation(url: string) {
  const path = url.split('?')[0]!.replace(/\/+$/, '') || '/'
  // The longest section the path is in; other admin pages (staff, data...) are under "Admin home".
  const current = [...ADMIN_NAVIGATION].reverse().find((item) => path === item.href || path.startsWith(`${item.href}/`))?.href ?? '/admin'
  return { items: ADMIN_NAVIGATION.map((item) => ({ text: item.text, href: item.href, current: item.href === current })) }
}
