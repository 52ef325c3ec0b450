import { app } from './app.js';

const port = Number(process.env.PORT ?? 8788);
app.listen(port, '127.0.0.1', () => console.log(`minimal gateway on http://127.0.0.1:${port}/v1`));
