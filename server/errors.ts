/** Errors we expect and can explain to the caller. Anything else is a bug and becomes a 500. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(400, code, message, details);
  }
}
export class UnauthorizedError extends AppError {
  constructor(code = 'unauthorized', message = 'Authentication is required.') {
    super(401, code, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(code = 'forbidden', message = 'You do not have permission to do this.') {
    super(403, code, message);
  }
}
export class NotFoundError extends AppError {
  constructor(code = 'not_found', message = 'Not found.') {
    super(404, code, message);
  }
}
export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(409, code, message, details);
  }
}
export class PreconditionFailedError extends AppError {
  constructor(code: string, message: string) {
    super(412, code, message);
  }
}
