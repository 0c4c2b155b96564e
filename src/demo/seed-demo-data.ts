import { createPrismaClient } from '../database/prisma-client.js'
import { DEFAULT_CONVERSATION_MODEL_KEY } from '../domain/conversation-models/index.js'
import { generatePassword, hashPassword } from '../domain/staff/passwords.js'
import type { PrismaClient } from '../generated/prisma/client.js'

/**
 * Demo data for trying the service: one programme on the four-stage model
 * with a small resource library, three coaches working Monday to Friday 9am
 * to 5pm UK time, and an admin.
 * Safe to run again: it changes nothing that is already there, and sets a
 * password only for accounts it creates (or for all, when DEMO_PASSWORD is given).
 */

export const demoProgramme = {
  slug: 'vaccinators',
  name: 'Career conversations for vaccinators',
}

export const demoStaff = [
  { email: 'admin@demo.career-conversations.example', name: 'Priya Shah', role: 'admin' as const },
  { email: 'amina.okafor@demo.career-conversations.example', name: 'Amina Okafor', role: 'coach' as const },
  { email: 'ben.hughes@demo.career-conversations.example', name: 'Ben Hughes', role: 'coach' as const },
  { email: 'chloe.davies@demo.career-conversations.example', name: 'Chloe Davies', role: 'coach' as const },
]

/** A starting resource library: public sites a coach can signpost as an action's resource. */
export const demoResources = [
  { title: 'Health Careers: explore roles in health', url: 'https://www.healthcareers.nhs.uk/explore-roles', description: 'Over 350 roles in the NHS, what they involve and how to get into them.' },
  { title: 'NHS Jobs', url: 'https://www.jobs.nhs.uk/', description: 'Vacancies across the NHS in England.' },
  { title: 'National Careers Service: find a course', url: 'https://nationalcareers.service.gov.uk/find-a-course', description: 'Courses and training near you or online.' },
]

const NINE_AM = 9 * 60
const FIVE_PM = 17 * 60
const WEEKDAYS = [1, 2, 3, 4, 5]

export interface SeedOptions {
  databaseUrl: string
  /** Every demo account gets this password; otherwise each new one gets its own, printed once. */
  password?: string
  print?: (line: string) => void
}

export async function seedDemoData({ databaseUrl, password, print = () => undefined }: SeedOptions): Promise<void> {
  const prisma = createPrismaClient(databaseUrl)
  try {
    const programme = await prisma.programme.upsert({
      where: { slug: demoProgramme.slug },
      update: {},
      create: { ...demoProgramme, conversationModelKey: DEFAULT_CONVERSATION_MODEL_KEY },
    })
    if ((await prisma.programmeResource.count({ where: { programmeId: programme.id } })) === 0) {
      await prisma.programmeResource.createMany({ data: demoResources.map((resource) => ({ ...resource, programmeId: programme.id })) })
    }
    const credentials: string[] = []
    for (const person of demoStaff) {
      const given = await upsertStaff(prisma, person, password)
      if (given) credentials.push(`  ${person.role.padEnd(5)}  ${person.email}  ${given}`)
      if (person.role === 'coach') await ensureCoach(prisma, person.email, programme.id)
    }
    if (credentials.length > 0) {
      print('Demo staff accounts (shown once; set DEMO_PASSWORD to choose the password):')
      credentials.forEach((line) => print(line))
    }
  } finally {
    await prisma.$disconnect()
  }
}

/** Returns the password it set, if it set one. */
async function upsertStaff(
  prisma: PrismaClient,
  person: (typeof demoStaff)[number],
  password: string | undefined,
): Promise<string | undefined> {
  const existing = await prisma.staffUser.findUnique({ where: { email: person.email } })
  if (existing && !password) return undefined
  const chosen = password ?? generatePassword()
  const passwordHash = await hashPassword(chosen)
  await prisma.staffUser.upsert({
    where: { email: person.email },
    update: { passwordHash },
    create: { ...person, passwordHash },
  })
  return chosen
}

async function ensureCoach(prisma: PrismaClient, email: string, programmeId: string): Promise<void> {
  const user = await prisma.staffUser.findUniqueOrThrow({ where: { email }, include: { coach: true } })
  if (user.coach) return
  await prisma.coach.create({
    data: {
      staffUserId: user.id,
      timeZone: 'Europe/London',
      programmes: { create: { programmeId } },
      weeklyAvailability: {
        create: WEEKDAYS.map((weekday) => ({ weekday, startMinute: NINE_AM, endMinute: FIVE_PM })),
      },
    },
  })
}
